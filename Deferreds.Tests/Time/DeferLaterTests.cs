using static Deferreds.Defer;

namespace Deferreds.Tests.Time;

/// <summary>DeferLater beyond Twisted's suite: typed form, returned Deferreds, bad input.</summary>
public sealed class DeferLaterTests
{
    [Fact]
    public void DeferLaterOfT_AfterDelay_FiresWithTypedValue()
    {
        var clock = new Clock();
        Deferred<int> d = DeferLater(clock, TimeSpan.FromSeconds(1), () => 42);
        AssertNoResult(d);
        clock.Advance(1);
        Assert.Equal(42, SuccessResultOf(d));
    }

    [Fact]
    public void DeferLaterOfT_Cancelled_NeverCallsFunction()
    {
        var clock = new Clock();
        var called = false;
        var d = DeferLater(clock, TimeSpan.FromSeconds(1), () => called = true);
        d.Cancel();
        FailureResultOf(d, typeof(CancelledError));
        Assert.Empty(clock.GetDelayedCalls());
        clock.Advance(1);
        Assert.False(called);
    }

    [Fact]
    public void DeferLater_FunctionReturnsDeferred_WaitsForIt()
    {
        var clock = new Clock();
        var inner = new Deferred();
        var d = DeferLater(clock, TimeSpan.FromSeconds(1), () => inner);
        clock.Advance(1);
        AssertNoResult(d);
        inner.Callback("inner");
        Assert.Equal("inner", SuccessResultOf(d));
    }

    [Fact]
    public void DeferLater_CancelledWhileWaitingOnReturnedDeferred_CancelsIt()
    {
        var clock = new Clock();
        var innerCancelled = false;
        var inner = new Deferred(_ => innerCancelled = true);
        var d = DeferLater(clock, TimeSpan.FromSeconds(1), () => inner);
        clock.Advance(1);
        d.Cancel();
        Assert.True(innerCancelled);
        FailureResultOf(d, typeof(CancelledError));
    }

    [Fact]
    public void DeferLaterOfT_FunctionReturnsTypedDeferred_WaitsForIt()
    {
        var clock = new Clock();
        var inner = new Deferred<int>();
        Deferred<int> d = DeferLater(clock, TimeSpan.FromSeconds(1), () => inner);
        clock.Advance(1);
        AssertNoResult(d);
        inner.Callback(5);
        Assert.Equal(5, SuccessResultOf(d));
    }

    [Fact]
    public void DeferLater_ZeroDelay_FiresOnNextAdvance()
    {
        var clock = new Clock();
        var d = DeferLater(clock, TimeSpan.Zero, () => "now");
        AssertNoResult(d);
        clock.Advance(0);
        Assert.Equal("now", SuccessResultOf(d));
    }

    [Fact]
    public void DeferLater_BadArguments_Throw()
    {
        var clock = new Clock();
        Assert.Throws<ArgumentNullException>(() => DeferLater(null!, TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => DeferLater(clock, TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentNullException>(() => DeferLater(clock, TimeSpan.Zero, (Func<int>)null!));
        Assert.Empty(clock.GetDelayedCalls());
    }
}
