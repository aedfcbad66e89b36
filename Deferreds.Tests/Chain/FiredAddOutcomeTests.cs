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
