using Deferreds.Context;
using Deferreds.Tests.Context.Support;

namespace Deferreds.Tests.Context;

public sealed class LoggingContextTests : LogContextTestBase
{
    public LoggingContextTests()
        : base(strict: false)
    {
    }

    [Fact]
    public void Sentinel_Properties_AsSynapse()
    {
        var sentinel = LogContext.Sentinel;
        Assert.True(sentinel.IsSentinel);
        Assert.Equal("sentinel", sentinel.ToString());
        Assert.Null(sentinel.PreviousContext);
        Assert.Null(sentinel.ParentContext);
        Assert.Null(sentinel.Request);
        Assert.False(sentinel.Finished);
        Assert.Equal("unknown_server_from_sentinel_context", sentinel.ServerName);
        Assert.Same(sentinel, LogContext.Current);
    }

    [Fact]
    public void Constructor_DoesNotEnter_RecordsPreviousContextAtConstruction()
    {
        var outer = new LoggingContext("outer");
        Check("sentinel");
        using (outer.Enter())
        {
            var inner = new LoggingContext("inner");
            Assert.Same(outer, inner.PreviousContext);
            Check("outer");
        }
        Assert.Same(LogContext.Sentinel, outer.PreviousContext);
        Assert.True(outer.Finished);
    }

    [Fact]
    public void Constructor_WithParent_InheritsRequestAndServerNameUnlessGiven()
    {
        var request = new ContextRequest("GET-1", Method: "GET");
        var parent = new LoggingContext("p", request: request, serverName: "hs1");
        var child = new LoggingContext("c", parentContext: parent);
        var other = new LoggingContext("o", parentContext: parent, request: new ContextRequest("GET-2"), serverName: "hs2");
        Assert.Same(parent, child.ParentContext);
        Assert.Same(request, child.Request);
        Assert.Equal("hs1", child.ServerName);
        Assert.Equal("GET-2", other.Request!.RequestId);
        Assert.Equal("hs2", other.ServerName);
        Assert.Null(new LoggingContext("x", parentContext: LogContext.Sentinel).ParentContext);
    }

    [Fact]
    public void SetCurrent_ReturnsPrevious_SameContextIsNoOp()
    {
        var a = new LoggingContext("a");
        Assert.Same(LogContext.Sentinel, LogContext.SetCurrent(a));
        Assert.Same(a, LogContext.SetCurrent(a));
        Assert.Same(a, LogContext.SetCurrent(LogContext.Sentinel));
        Assert.Empty(Log.Records);
        Assert.Throws<ArgumentNullException>(() => LogContext.SetCurrent(null!));
    }

    [Fact]
    public void Current_IsPerThread_NewThreadStartsInSentinel()
    {
        LoggingContext? seen = null;
        using (new LoggingContext("main").Enter())
        {
            var thread = new Thread(() => seen = LogContext.Current);
            thread.Start();
            thread.Join();
            Check("main");
        }
        Assert.Same(LogContext.Sentinel, seen);
    }

    [Fact]
    public void Dispose_ContextLost_WarnsAndRestoresPrevious()
    {
        var context = new LoggingContext("req").Enter();
        LogContext.SetCurrent(LogContext.Sentinel);
        context.Dispose();
        Assert.Equal(["Expected logging context req was lost"], Log.Messages);
        Assert.True(context.Finished);
        Check("sentinel");
    }

    [Fact]
    public void Dispose_OtherContextFound_WarnsButFound()
    {
        var context = new LoggingContext("req").Enter();
        LogContext.SetCurrent(new LoggingContext("other"));
        context.Dispose();
        Assert.Equal(["Expected logging context req but found other"], Log.Messages);
        Check("sentinel");
    }

    [Fact]
    public void Enter_PreviousContextChanged_Warns()
    {
        var context = new LoggingContext("req");
        using (new LoggingContext("elsewhere").Enter())
        {
            context.Enter();
            Assert.Equal(["Expected previous context sentinel, found elsewhere"], Log.Messages);
            context.Dispose();
        }
        Assert.Contains("Expected logging context elsewhere was lost", Log.Messages);
        LogContext.SetCurrent(LogContext.Sentinel);
    }

    [Fact]
    public void SetCurrent_FinishedContext_WarnsRestartingFinished()
    {
        var context = new LoggingContext("done");
        using (context.Enter())
        {
        }
        using (new PreserveLoggingContext(context))
        {
            Check("done");
        }
        Assert.Equal(["Re-starting finished log context done"], Log.Messages);
    }

    [Fact]
    public void SetCurrent_ContextOfAnotherThread_WarnsDifferentThread()
    {
        var context = new LoggingContext("main-thread");
        var thread = new Thread(() =>
        {
            using (new PreserveLoggingContext(context))
            {
            }
        });
        thread.Start();
        thread.Join();
        Assert.Equal(["Started logcontext main-thread on different thread", "Stopped logcontext main-thread on different thread"], Log.Messages);
    }

    [Fact]
    public void Enter_Sentinel_Throws()
    {
        var error = Assert.Throws<InvalidOperationException>(() => LogContext.Sentinel.Enter());
        Assert.Contains("PreserveLoggingContext", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Synapse", "test_nested_logging_context")]
    public void NestedLoggingContext_FromSentinel_WarnsMetricsLostAndHasNoParent()
    {
        var nested = LogContext.NestedLoggingContext("bar");
        Assert.Equal("sentinel-bar", nested.Name);
        Assert.Null(nested.ParentContext);
        Assert.Equal(["Starting nested logging context from sentinel context: metrics will be lost"], Log.Messages);
    }

    [Fact]
    public void NestedLoggingContext_FromContext_IsChildNotEntered()
    {
        var request = new ContextRequest("r1");
        using (var foo = new LoggingContext("foo", request: request, serverName: "hs").Enter())
        {
            var nested = LogContext.NestedLoggingContext("bar");
            Assert.Same(foo, nested.ParentContext);
            Assert.Same(foo, nested.PreviousContext);
            Assert.Same(request, nested.Request);
            Assert.Equal("hs", nested.ServerName);
            Check("foo");
            using (nested.Enter())
            {
                Check("foo-bar");
            }
            Check("foo");
        }
        Assert.Empty(Log.Records);
    }
}

public sealed class StrictModeTests : LogContextTestBase
{
    [Fact]
    public void Strict_Misuse_ThrowsLoggingContextErrorAfterRestoring()
    {
        var context = new LoggingContext("req").Enter();
        LogContext.SetCurrent(LogContext.Sentinel);
        var error = Assert.Throws<LoggingContextError>(context.Dispose);
        Assert.Equal("logcontext error: Expected logging context req was lost", error.Message);
        Assert.True(context.Finished);
        Check("sentinel");
        Assert.Equal(["Expected logging context req was lost"], Log.Messages);
    }

    [Fact]
    public void AssertSentinel_Leak_ThrowsNamingContextAndResets()
    {
        LogContext.SetCurrent(new LoggingContext("leaky"));
        var error = Assert.Throws<LoggingContextError>(LogContext.AssertSentinel);
        Assert.Contains("leaky", error.Message, StringComparison.Ordinal);
        Check("sentinel");
    }

    [Fact]
    public void Logger_Null_WritesWarningsToStandardError()
    {
        LogContext.Strict = false;
        LogContext.Logger = null;
        var writer = new StringWriter();
        var old = Console.Error;
        Console.SetError(writer);
        try
        {
            LogContext.NestedLoggingContext("x");
        }
        finally
        {
            Console.SetError(old);
        }
        Assert.Contains("Starting nested logging context from sentinel context: metrics will be lost", writer.ToString(), StringComparison.Ordinal);
    }
}
