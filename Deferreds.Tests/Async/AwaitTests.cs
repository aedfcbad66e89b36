using System.Runtime.CompilerServices;

namespace Deferreds.Tests.Async;

/// <summary>Awaiting Deferreds from ordinary <c>async Task</c> methods (the BCL builder).</summary>
public sealed class AwaitTests
{
    [Fact]
    public void Await_UnfiredThenFired_ContinuationRunsInsideCallbackBeforeItReturns()
    {
        var log = new List<string>();
        var d = new Deferred();
        var task = AwaitAndLog(d, log);
        log.Add("callback start");
        d.Callback(21);
        log.Add("callback returned");

        Assert.Equal(["awaiting", "callback start", "resumed with 21", "callback returned"], log);
        Assert.True(task.IsCompletedSuccessfully);
    }

    [Fact]
    public void Await_Unfired_ConsumesResultSoLaterCallbacksSeeNull()
    {
        var log = new List<string>();
        var d = new Deferred();
        d.AddCallback(r => { log.Add($"first {r}"); return r; });
        _ = AwaitAndLog(d, log);
        d.AddCallback(r => { log.Add($"later {r ?? "null"}"); return r; });

        d.Callback(21);

        Assert.Equal(["awaiting", "first 21", "resumed with 21", "later null"], log);
        Assert.Null(d.Result);
    }

    [Fact]
    public async Task Await_AlreadyFired_CompletesSynchronouslyWithoutConsuming()
    {
        var d = Defer.Succeed(5);

        var first = await d;
        var second = await d;

        Assert.Equal(5, first);
        Assert.Equal(5, second);
        Assert.Equal(5, d.Result);
    }

    [Fact]
    public async Task Await_AlreadyFired_ContinuesWithoutSuspending()
    {
        var task = AwaitTwice(Defer.Succeed(5));

        Assert.True(task.IsCompletedSuccessfully);
        var (first, second) = await task;
        Assert.Equal(5, first);
        Assert.Equal(5, second);
    }

    [Fact]
    public async Task Await_TypedDeferred_YieldsT()
    {
        var d = new Deferred<int>();
        var task = AwaitTyped(d);
        d.Callback(41);

        Assert.Equal(42, await task);
    }

    [Fact]
    public async Task Await_TypedHandleWhoseValueChangedType_ThrowsInvalidCast()
    {
        var d = new Deferred<int>();
        _ = d.AddCallback(_ => (object?)"not an int"); // `_ =`: a Deferred is awaitable, so CS4014 asks for it in async methods
        var task = AwaitTyped(d);
        d.Callback(1);

        await Assert.ThrowsAsync<InvalidCastException>(() => task);
    }

    [Fact]
    public async Task Await_FailedLater_RethrowsOriginalExceptionWithItsStack()
    {
        var d = new Deferred();
        var task = AwaitUntyped(d);
        var original = CaptureThrown();
        d.Errback(original);

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => task);
        Assert.Same(original, thrown);
        Assert.Contains(nameof(CaptureThrown), thrown.StackTrace, StringComparison.Ordinal);
        Assert.Contains(nameof(AwaitUntyped), thrown.StackTrace, StringComparison.Ordinal);
        Assert.Null(d.Result); // the await consumed the failure
    }

    [Fact]
    public async Task Await_AlreadyFailed_RethrowsOriginalAndKeepsFailure()
    {
        var original = CaptureThrown();
        var d = Defer.Fail(original);

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => AwaitUntyped(d));

        Assert.Same(original, thrown);
        Assert.IsType<Failure>(d.Result);
        Assert.Same(original, ((Failure)d.Result!).Value);
    }

    [Fact]
    public void Await_PausedFiredDeferred_SuspendsUntilUnpaused()
    {
        var log = new List<string>();
        var d = new Deferred();
        d.Pause();
        d.Callback(3);
        _ = AwaitAndLog(d, log);
        Assert.Equal(["awaiting"], log);

        d.Unpause();

        Assert.Equal(["awaiting", "resumed with 3"], log);
    }

    [Fact]
    public void Await_DeferredWaitingOnAnother_ResumesWithThatOnesResult()
    {
        var log = new List<string>();
        var d = new Deferred();
        var d2 = new Deferred();
        d.AddCallback(_ => d2);
        d.Callback(null);
        _ = AwaitAndLog(d, log);
        Assert.Equal(["awaiting"], log);

        d2.Callback("bye");

        Assert.Equal(["awaiting", "resumed with bye"], log);
    }

    [Fact]
    public void Await_WithSynchronizationContext_ResumesInlineWithoutPosting()
    {
        var context = new RecordingSynchronizationContext();
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(context);
        try
        {
            var d = new Deferred();
            var thread = -1;
            var task = Run();
            d.Callback(1);

            Assert.True(task.IsCompletedSuccessfully);
            Assert.Equal(Environment.CurrentManagedThreadId, thread);
            Assert.Equal(0, context.Posts);

            async Task Run()
            {
                await d;
                thread = Environment.CurrentManagedThreadId;
            }
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    [Fact]
    public void GetResult_BeforeTheDeferredFired_Throws()
    {
        var awaiter = new Deferred().GetAwaiter();

        Assert.False(awaiter.IsCompleted);
        Assert.Throws<InvalidOperationException>(() => awaiter.GetResult());
    }

    [Fact]
    public void OnCompleted_ManualUse_RunsContinuationInCapturedExecutionContext()
    {
        var local = new AsyncLocal<string>();
        var d = new Deferred();
        string? seen = null;
        local.Value = "registered";
        d.GetAwaiter().OnCompleted(() => seen = local.Value);
        local.Value = "firing";

        d.Callback(null);

        Assert.Equal("registered", seen);
        Assert.Equal("firing", local.Value);
    }

    [Fact]
    public void UnsafeOnCompleted_ManualUse_RunsInFiringContextAndConsumes()
    {
        var local = new AsyncLocal<string>();
        var d = new Deferred();
        string? seen = null;
        local.Value = "registered";
        ((ICriticalNotifyCompletion)d.GetAwaiter()).UnsafeOnCompleted(() => seen = local.Value);
        local.Value = "firing";

        d.Callback(7);

        Assert.Equal("firing", seen);
        Assert.Null(d.Result);
    }

    private static async Task AwaitAndLog(Deferred d, List<string> log)
    {
        log.Add("awaiting");
        var result = await d;
        log.Add($"resumed with {result}");
    }

    private static async Task<object?> AwaitUntyped(Deferred d) => await d;

    private static async Task<int> AwaitTyped(Deferred<int> d) => await d + 1;

    private static async Task<(object?, object?)> AwaitTwice(Deferred d) => (await d, await d);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static InvalidOperationException CaptureThrown()
    {
        try
        {
            throw new InvalidOperationException("boom");
        }
        catch (InvalidOperationException exception)
        {
            return exception;
        }
    }

    private sealed class RecordingSynchronizationContext : SynchronizationContext
    {
        public int Posts { get; private set; }

        public override void Post(SendOrPostCallback d, object? state)
        {
            Posts++;
            base.Post(d, state);
        }
    }
}
