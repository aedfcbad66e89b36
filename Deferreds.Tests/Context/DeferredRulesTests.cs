using Deferreds.Context;
using Deferreds.Tests.Context.Support;

namespace Deferreds.Tests.Context;

/// <summary>MakeDeferredYieldable and RunInBackground: each path, and which context every callback sees.</summary>
public sealed class DeferredRulesTests : LogContextTestBase
{
    private static string CurrentName => LogContext.Current.Name;

    [Fact]
    public void MakeDeferredYieldable_Completed_ReturnsItUntouchedContextKept()
    {
        var d = Defer.Succeed(1);
        using (new LoggingContext("foo").Enter())
        {
            Assert.Same(d, LogContext.MakeDeferredYieldable(d));
            Check("foo");
            string? seen = null;
            d.AddCallback(r => seen = CurrentName);
            Assert.Equal("foo", seen);
        }
    }

    [Fact]
    public void MakeDeferredYieldable_Incomplete_ClearsNowRestoresBeforeLaterCallbacks()
    {
        var seen = new List<string>();
        var d = new Deferred<int>();
        d.AddBoth((_, _) => seen.Add("before:" + CurrentName));
        LogContext.SetCurrent(new LoggingContext("foo"));
        Assert.Same(d, LogContext.MakeDeferredYieldable(d));
        Check("sentinel");
        d.AddBoth((_, _) => seen.Add("after:" + CurrentName));
        d.Callback(7);
        Assert.Equal(["before:sentinel", "after:foo"], seen);
        Assert.Equal(7, Defer.SuccessResultOf(d));
        // The restore leaves foo current; a reactor-driven caller would go on and clear it at its next await.
        Check("foo");
        LogContext.SetCurrent(LogContext.Sentinel);
    }

    [Fact]
    public void MakeDeferredYieldable_Failure_RestoresOnErrbackPath()
    {
        var d = new Deferred();
        string? seen = null;
        using (new LoggingContext("foo").Enter())
        {
            LogContext.MakeDeferredYieldable(d).AddErrback(f =>
            {
                seen = CurrentName;
                return f;
            });
            d.Errback(new InvalidOperationException("boom"));
            Check("foo");
        }
        Assert.Equal("foo", seen);
        Defer.FailureResultOf(d, typeof(InvalidOperationException));
    }

    [Fact]
    public void MakeDeferredYieldable_CalledButPaused_TreatedAsIncomplete()
    {
        var inner = new Deferred();
        var outer = Defer.Succeed(null).AddCallback(_ => inner);
        Assert.True(outer.Called);
        Assert.True(outer.Paused);
        using (new LoggingContext("foo").Enter())
        {
            LogContext.MakeDeferredYieldable(outer);
            Check("sentinel");
            inner.Callback(null);
            Check("foo");
        }
    }

    [Fact]
    public void RunInBackground_SynchronousException_FailedDeferredContextKept()
    {
        using (new LoggingContext("foo").Enter())
        {
            var d = LogContext.RunInBackground(new Func<Deferred>(() => throw new InvalidOperationException("sync")));
            Check("foo");
            Assert.Equal("sync", Defer.FailureResultOf(d, typeof(InvalidOperationException)).GetErrorMessage());
            var typed = LogContext.RunInBackground(new Func<Deferred<int>>(() => throw new ArgumentException("typed")));
            Defer.FailureResultOf(typed, typeof(ArgumentException));
            var value = LogContext.RunInBackground(new Func<int>(() => throw new FormatException("value")));
            Defer.FailureResultOf(value, typeof(FormatException));
        }
    }

    [Fact]
    public void RunInBackground_Incomplete_StartsInCallersContextResetsToSentinelOnCompletion()
    {
        var work = new Deferred<int>();
        string? startedIn = null;
        var seenAfter = new List<string>();
        // Activated, not entered: the background work outlives the block (Synapse's "Solution 3").
        using (new PreserveLoggingContext(new LoggingContext("foo")))
        {
            var d = LogContext.RunInBackground(() =>
            {
                startedIn = CurrentName;
                return LogContext.MakeDeferredYieldable(work).AddCallback(r =>
                {
                    seenAfter.Add("work:" + CurrentName);
                    return r * 2;
                });
            });
            Check("foo");
            Assert.Same(work, d);
            d.AddBoth((_, _) => seenAfter.Add("caller:" + CurrentName));
        }
        Assert.Equal("foo", startedIn);
        work.Callback(21);
        Assert.Equal(["work:foo", "caller:sentinel"], seenAfter);
        Assert.Equal(42, Defer.SuccessResultOf(work));
        Check("sentinel");
    }

    [Fact]
    public void RunInBackground_CompletedInChangedContext_ReportsNotMaintained()
    {
        LogContext.Strict = false;
        using (var foo = new LoggingContext("foo").Enter())
        {
            var d = LogContext.RunInBackground(() =>
            {
                LogContext.SetCurrent(LogContext.Sentinel);
                return Defer.Succeed(null);
            });
            Assert.True(d.Called);
            // Reported, not repaired, as Synapse does.
            Check("sentinel");
            LogContext.SetCurrent(foo);
        }
        var message = Assert.Single(Log.Messages);
        Assert.Matches(@"^RunInBackground\(.+\): deferred already completed but the function did not maintain the calling logcontext foo \(found sentinel\)$", message);
    }

    [Fact]
    public void RunInBackground_CompletedInChangedContextStrict_Throws()
    {
        var foo = new LoggingContext("foo").Enter();
        Assert.Throws<LoggingContextError>(() => LogContext.RunInBackground(() =>
        {
            LogContext.SetCurrent(LogContext.Sentinel);
            return Defer.Succeed(null);
        }));
        LogContext.SetCurrent(foo);
        foo.Dispose();
    }

    [Fact]
    public void RunInBackground_PlainValueAndNull_AlreadySucceeded()
    {
        using (new LoggingContext("foo").Enter())
        {
            Assert.Equal(42, Defer.SuccessResultOf(LogContext.RunInBackground(() => 42)));
            Assert.Null(Defer.SuccessResultOf(LogContext.RunInBackground(() => (Deferred)null!)));
            Assert.Equal(5, Defer.SuccessResultOf(LogContext.RunInBackground(() => Defer.Succeed(5))));
            Check("foo");
        }
    }

    [Fact]
    public void RunInBackground_Tasks_ConvertedWithTheirOutcome()
    {
        var source = new TaskCompletionSource<int>();
        Deferred fromTask;
        using (new LoggingContext("foo").Enter())
        {
            fromTask = LogContext.RunInBackground(() => source.Task);
            Defer.AssertNoResult(fromTask);
            Check("foo");
            Assert.Equal(3, Defer.SuccessResultOf(LogContext.RunInBackground(() => Task.FromResult(3))));
            Assert.Equal(4, Defer.SuccessResultOf(LogContext.RunInBackground(() => new ValueTask<int>(4))));
            Assert.Null(Defer.SuccessResultOf(LogContext.RunInBackground(() => Task.CompletedTask)));
            Assert.Null(Defer.SuccessResultOf(LogContext.RunInBackground(() => ValueTask.CompletedTask)));
            Defer.FailureResultOf(LogContext.RunInBackground(() => Task.FromException(new TimeoutException())), typeof(TimeoutException));
            Assert.Equal(1, Defer.SuccessResultOf(LogContext.RunInBackground(async () => await Defer.Succeed(1))));
            Check("foo");
        }
        source.SetResult(9);
        Assert.Equal(9, Defer.SuccessResultOf(fromTask));
        Check("sentinel");
    }

    [Fact]
    public void RunInBackground_CallersContextFinishedBeforeWorkCompletes_RestartingFinishedReported()
    {
        var work = new Deferred();
        Deferred d;
        using (new LoggingContext("foo").Enter())
        {
            d = LogContext.RunInBackground(() => LogContext.MakeDeferredYieldable(work));
        }
        // Synapse issue #13090: the work's restore re-starts the exited context; strict mode fails the chain.
        work.Callback(null);
        var failure = Defer.FailureResultOf(d, typeof(LoggingContextError));
        Assert.Equal("logcontext error: Re-starting finished log context foo", failure.GetErrorMessage());
        Check("sentinel");
    }
}
