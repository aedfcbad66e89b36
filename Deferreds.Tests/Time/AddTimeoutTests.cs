using static Deferreds.Defer;

namespace Deferreds.Tests.Time;

/// <summary>AddTimeout beyond Twisted's suite: fired Deferreds, chained waits, pauses, typed handles (reference §2.8).</summary>
public sealed class AddTimeoutTests
{
    [Fact]
    public void AddTimeout_OnFiredDeferred_LeavesNoPendingCall()
    {
        var clock = new Clock();
        var d = Succeed(1).AddTimeout(TimeSpan.FromSeconds(5), clock);
        Assert.Equal(1, SuccessResultOf(d));
        Assert.Empty(clock.GetDelayedCalls());
    }

    [Fact]
    public void AddTimeout_WhileWaitingOnInner_CancelsInnerAndTimesOut()
    {
        var clock = new Clock();
        var innerCancelled = false;
        var inner = new Deferred(_ => innerCancelled = true);
        var outer = new Deferred();
        outer.AddCallback(_ => inner);
        outer.Callback(null);
        outer.AddTimeout(TimeSpan.FromSeconds(2), clock);
        clock.Advance(2);
        Assert.True(innerCancelled);
        FailureResultOf(outer, typeof(TimeoutError));
    }

    [Fact]
    public void AddTimeout_PausedDeferredTimesOut_RunsOnlyAfterUnpause()
    {
        var clock = new Clock();
        var d = new Deferred();
        d.Pause();
        d.AddTimeout(TimeSpan.FromSeconds(1), clock);
        clock.Advance(1);
        AssertNoResult(d);
        d.Unpause();
        FailureResultOf(d, typeof(TimeoutError));
    }

    [Fact]
    public void AddTimeout_CustomFunction_ReceivesFailureAndTimeout()
    {
        var clock = new Clock();
        object? seenResult = null;
        TimeSpan seenTimeout = default;
        var d = new Deferred().AddTimeout(TimeSpan.FromSeconds(3), clock, (result, timeout) =>
        {
            seenResult = result;
            seenTimeout = timeout;
            return "custom";
        });
        clock.Advance(3);
        Assert.IsType<CancelledError>(Assert.IsType<Failure>(seenResult).Value);
        Assert.Equal(TimeSpan.FromSeconds(3), seenTimeout);
        Assert.Equal("custom", SuccessResultOf(d));
    }

    [Fact]
    public void AddTimeout_TypedDeferred_KeepsTypedHandle()
    {
        var clock = new Clock();
        var d = new Deferred<int>();
        Deferred<int> same = d.AddTimeout(TimeSpan.FromSeconds(1), clock);
        Assert.Same(d, same);
        d.Callback(7);
        Assert.Equal(7, SuccessResultOf(same));
        Assert.Empty(clock.GetDelayedCalls());
    }

    [Fact]
    public void AddTimeout_TypedDeferredTimesOut_FailsWithTimeoutError()
    {
        var clock = new Clock();
        var d = new Deferred<string>().AddTimeout(TimeSpan.FromSeconds(1), clock);
        clock.Advance(1);
        FailureResultOf(d, typeof(TimeoutError));
    }

    [Fact]
    public void AddTimeout_BadArguments_Throw()
    {
        var d = new Deferred();
        Assert.Throws<ArgumentNullException>(() => d.AddTimeout(TimeSpan.FromSeconds(1), null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => d.AddTimeout(TimeSpan.FromSeconds(-1), new Clock()));
    }
}
