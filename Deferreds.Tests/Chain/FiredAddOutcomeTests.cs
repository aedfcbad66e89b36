using System.Runtime.CompilerServices;
using Deferreds.Tests.Twisted.TestDefer;

namespace Deferreds.Tests.Chain;

/// <summary>
/// A plain callback added to a fired, idle Deferred outside any run is called without the run loop: every
/// outcome other than a plain value must still end exactly as the run loop would leave it.
/// </summary>
[Collection("Global state")]
public sealed class FiredAddOutcomeTests
{
    [Fact]
    public void ReturningItsOwnDeferred_FailsTheChainInsteadOfWaitingForever()
    {
        var d = new Deferred();
        d.Callback(0);
        d.AddCallback(_ => d);
        var failure = Defer.FailureResultOf(d, typeof(InvalidOperationException));
        Assert.Contains("returned the Deferred it was attached to", failure.GetErrorMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void ReturningAFiredDeferred_AdoptsItsValueNow()
    {
        var d = new Deferred();
        d.Callback(0);
        var inner = Defer.Succeed("inner");
        d.AddCallback(_ => inner);
        Assert.Equal("inner", d.Result);
        Assert.False(d.Paused);
        Assert.Null(inner.Result);
    }

    [Fact]
    public void ReturningAFailedDeferred_AdoptsTheFailureOntoTheErrbackPath()
    {
        var d = new Deferred();
        d.Callback(0);
        d.AddCallback(_ => Defer.Fail(new KeyNotFoundException("k")));
        var failure = Defer.FailureResultOf(d, typeof(KeyNotFoundException));
        Assert.Equal("k", failure.Value.Message);
    }

    [Fact]
    public void FiredInsideAnotherChainsCallback_RunsInThatRunAfterTheNestedFire()
    {
        var order = new List<string>();
        var fired = Defer.Succeed("fired");
        var outer = new Deferred();
        outer.AddCallback(r =>
        {
            fired.AddCallback(v => { order.Add("added inside a run: " + v); return v; });
            order.Add("outer callback ends");
            return r;
        });
        outer.Callback(null);
        Assert.Equal(["added inside a run: fired", "outer callback ends"], order);
    }

    [Fact]
    public void PauseInsideCallback_CallbacksItAddedStillRunInThatRun_AsInTwisted()
    {
        // Twisted 22.4: d = succeed(0); d.addCallback(cb) where cb pauses d and adds cb2 -> cb2 runs at once.
        var d = Defer.Succeed(0);
        var log = new List<string>();
        d.AddCallback(_ =>
        {
            d.Pause();
            d.AddCallback(r => { log.Add("cb2"); return r; });
            log.Add("cb");
            return 1;
        });
        Assert.Equal(["cb", "cb2"], log);
        Assert.True(d.Paused);
        d.Unpause();
        Assert.Equal(["cb", "cb2"], log);
    }

    [Fact]
    public void PauseInsideCallback_QueuedCallbacksStillRunInThatRun_AsInTwisted()
    {
        // Twisted 22.4: e.addCallback(pause + "a"); e.addCallback("b"); e.callback(0) -> ["a", "b"], paused.
        var e = new Deferred();
        var log = new List<string>();
        e.AddCallback(r => { e.Pause(); log.Add("a"); return r; });
        e.AddCallback(r => { log.Add("b"); return r; });
        e.Callback(0);
        Assert.Equal(["a", "b"], log);
        Assert.True(e.Paused);
    }

    [Fact]
    public void PlainCallbacksThenAnAwaiter_TheAwaitingMethodsChainRunsBeforeTheRestOfThisOne()
    {
        var log = new List<string>();
        var inner = new Deferred<int>();
        ((Deferred)inner).AddCallback(r => { log.Add("plain first"); return r; }); // untyped: run directly, then the awaiter hands over
        var outer = Relay(inner, log);
        outer.AddCallback(v => { log.Add("outer callback " + v); return v; });
        inner.AddCallback(v => { log.Add("inner later " + (v?.ToString() ?? "null")); return v; });

        inner.Callback(5);

        Assert.Equal(["plain first", "relay resumed 5", "outer callback 5", "inner later null"], log);

        static async Deferred<int> Relay(Deferred<int> inner, List<string> log)
        {
            var value = await inner;
            log.Add("relay resumed " + value);
            return value;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void LeaveFiredThenThrowingChain(string marker)
    {
        var d = Defer.Succeed(1);
        d.AddCallback(_ => throw new DivideByZeroException(marker));
    }

    [Fact]
    public void Throwing_LeavesAnUnhandledFailureThatIsReportedWhenCollected()
    {
        var marker = Guid.NewGuid().ToString();
        var reports = UnhandledErrorTests.CollectReports(marker, () => LeaveFiredThenThrowingChain(marker));
        Assert.Single(reports);
    }
}
