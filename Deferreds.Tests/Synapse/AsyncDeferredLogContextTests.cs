using Deferreds.Context;
using Deferreds.Tests.Context.Support;

namespace Deferreds.Tests.Synapse;

/// <summary>
/// test_logcontext.py's coroutine scenarios with real <c>async Deferred</c> methods and the real <see cref="Clock"/>
/// (the other ports drive an awaiter shim written before the builder existed).
/// </summary>
public sealed class AsyncDeferredLogContextTests : LogContextTestBase
{
    private readonly Clock _clock = new();

    /// <summary>Synapse's clock.sleep: always yields, clears the context meanwhile and restores it on wake-up.</summary>
    private Deferred SleepOnClock(double seconds) => LogContext.MakeDeferredYieldable(Defer.DeferLater(_clock, TimeSpan.FromSeconds(seconds)));

    [Fact]
    [Trait("Synapse", "test_run_in_background_with_coroutine")]
    public void RunInBackground_AsyncDeferredMethod_RunsInCallersContextAndResetsToSentinelWhenDone()
    {
        var trace = new List<string>();
        async Deferred<int> Work()
        {
            trace.Add("start " + LogContext.Current);
            await SleepOnClock(1);
            trace.Add("after sleep " + LogContext.Current);
            return 7;
        }

        // The background work outlives the block, so the block activates "one" without finishing it (docs/log-contexts.md).
        Deferred background;
        using (new PreserveLoggingContext(new LoggingContext("one")))
        {
            background = LogContext.RunInBackground(Work);
            trace.Add("caller after RunInBackground " + LogContext.Current);
            _ = background.AddCallback(r => { trace.Add($"completed {r} in " + LogContext.Current); return r; });
        }
        Check("sentinel");
        _clock.Advance(1);
        Check("sentinel");
        Assert.Equal(
            ["start one", "caller after RunInBackground one", "after sleep one", "completed 7 in sentinel"],
            trace);
    }

    [Fact]
    [Trait("Synapse", "test_run_in_background_with_nonblocking_coroutine")]
    public void RunInBackground_AsyncDeferredMethodCompletingSynchronously_LeavesCallersContext()
    {
        async Deferred<string> Work()
        {
            Check("one");
            await Defer.Succeed(0);
            return "done";
        }

        using (new LoggingContext("one").Enter())
        {
            var background = LogContext.RunInBackground(Work);
            Check("one");
            Assert.Equal("done", Defer.SuccessResultOf(background));
        }
        Check("sentinel");
    }

    [Fact]
    [Trait("Synapse", "test_make_deferred_yieldable_with_await")]
    public void AsyncDeferredMethod_AwaitingYieldableDeferredsAndAGather_KeepsItsContextAcrossAwaits()
    {
        var trace = new List<string>();
        async Deferred<object?> Handler()
        {
            using (new LoggingContext("request").Enter())
            {
                trace.Add("before " + LogContext.Current);
                await SleepOnClock(1);
                trace.Add("between " + LogContext.Current);
                // Synapse's pattern: start each member with run_in_background, make the gather yieldable.
                await LogContext.MakeDeferredYieldable(Defer.GatherResults(
                    [LogContext.RunInBackground(() => SleepOnClock(2)), LogContext.RunInBackground(() => SleepOnClock(1))]));
                trace.Add("after gather " + LogContext.Current);
                return null;
            }
        }

        var d = Handler();
        Check("sentinel");
        Defer.AssertNoResult(d);
        _clock.Pump([1, 1, 1]);
        Assert.Null(Defer.SuccessResultOf(d));
        Check("sentinel");
        Assert.Equal(["before request", "between request", "after gather request"], trace);
    }

    [Fact]
    [Trait("Synapse", "test_run_in_background_with_coroutine")]
    public void RunInBackground_AsyncMethodThatThrowsBeforeAwaiting_FailedDeferredAndContextRestored()
    {
        async Deferred<int> Work()
        {
            await Defer.Succeed(0);
            throw new InvalidOperationException("boom");
        }

        using (new LoggingContext("one").Enter())
        {
            var background = LogContext.RunInBackground(Work);
            Check("one");
            Defer.FailureResultOf(background, typeof(InvalidOperationException));
        }
        Check("sentinel");
    }
}
