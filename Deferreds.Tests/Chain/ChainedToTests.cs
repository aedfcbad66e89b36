namespace Deferreds.Tests.Chain;

/// <summary>Twisted's <c>_chainedTo</c> (shown by ToString) is kept off the Deferred object; its edge cases.</summary>
public sealed class ChainedToTests
{
    [Fact]
    public void ToString_UserPausedWhenAwaitedFires_StillWaitingUntilItRunsAgain()
    {
        var a = new Deferred();
        var b = new Deferred();
        a.AddCallback(_ => b);
        a.Callback(null);
        Assert.Contains("waiting on Deferred", a.ToString(), StringComparison.Ordinal);

        a.Pause();
        b.Callback(5);
        Assert.Contains("waiting on Deferred", a.ToString(), StringComparison.Ordinal); // as Twisted
        Assert.Equal(5, a.Result);

        a.Unpause();
        Assert.EndsWith("current result: 5>", a.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_ChainDeferredTarget_WaitingOnSourceUntilFired()
    {
        var source = new Deferred();
        var target = new Deferred();
        source.ChainDeferred(target);
        Assert.Contains("waiting on Deferred", target.ToString(), StringComparison.Ordinal);

        source.Callback(1);
        Assert.EndsWith("current result: 1>", target.ToString(), StringComparison.Ordinal);
    }
}
