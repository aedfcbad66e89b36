namespace Deferreds.Tests.Time;

/// <summary>Clock edges beyond Twisted's suite: finished calls, rejected inputs, nested advances, many calls.</summary>
public sealed class ClockTests
{
    [Fact]
    public void CancelResetDelay_AfterCallRan_ThrowAlreadyCalled()
    {
        var clock = new Clock();
        var call = clock.CallLater(1, () => { });
        clock.Advance(1);
        Assert.Throws<AlreadyCalled>(call.Cancel);
        Assert.Throws<AlreadyCalled>(() => call.Reset(1));
        Assert.Throws<AlreadyCalled>(() => call.Delay(1));
    }

    [Fact]
    public void CancelResetDelay_AfterCancel_ThrowAlreadyCancelled()
    {
        var clock = new Clock();
        var call = clock.CallLater(1, () => { });
        call.Cancel();
        Assert.Throws<AlreadyCancelled>(call.Cancel);
        Assert.Throws<AlreadyCancelled>(() => call.Reset(TimeSpan.FromSeconds(1)));
        Assert.Throws<AlreadyCancelled>(() => call.Delay(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void CallLater_NegativeOrNaNDelay_ThrowsArgumentOutOfRange()
    {
        var clock = new Clock();
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.CallLater(-1, () => { }));
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.CallLater(double.NaN, () => { }));
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.CallLater(TimeSpan.FromTicks(-1), () => { }));
        Assert.Empty(clock.GetDelayedCalls());
    }

    [Fact]
    public void CallLater_NullFunction_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => new Clock().CallLater(1, null!));
    }

    [Fact]
    public void Advance_NegativeNaNOrInfinite_ThrowsArgumentOutOfRangeAndKeepsTime()
    {
        var clock = new Clock();
        clock.Advance(2);
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(TimeSpan.FromSeconds(-1)));
        Assert.Equal(2.0, clock.Seconds());
    }

    [Fact]
    public void Reset_Negative_ThrowsArgumentOutOfRange()
    {
        var call = new Clock().CallLater(1, () => { });
        Assert.Throws<ArgumentOutOfRangeException>(() => call.Reset(-0.5));
        Assert.Equal(1.0, call.GetTime());
    }

    [Fact]
    public void Delay_NegativePastNow_RunsAtNextAdvance()
    {
        var clock = new Clock();
        var ran = 0;
        var call = clock.CallLater(1, () => ran++);
        call.Delay(-5);
        Assert.Equal(-4.0, call.GetTime());
        clock.Advance(0);
        Assert.Equal(1, ran);
    }

    [Fact]
    public void AdvanceTimeSpan_And_Pump_MoveTime()
    {
        var clock = new Clock();
        clock.Advance(TimeSpan.FromMilliseconds(1500));
        clock.Pump([0.25, 0.25]);
        Assert.Equal(2.0, clock.Seconds());
    }

    [Fact]
    public void Advance_NestedInsideCall_RunsLaterCallsAtTheNestedTime()
    {
        var clock = new Clock();
        var seen = new List<(string, double)>();
        clock.CallLater(1, () =>
        {
            seen.Add(("outer", clock.Seconds()));
            clock.Advance(2);
        });
        clock.CallLater(2, () => seen.Add(("inner", clock.Seconds())));
        clock.Advance(1);
        Assert.Equal([("outer", 1.0), ("inner", 3.0)], seen);
    }

    [Fact]
    public void Cancel_FromInsideAnotherCall_PreventsIt()
    {
        var clock = new Clock();
        var ran = new List<string>();
        IDelayedCall? second = null;
        clock.CallLater(1, () =>
        {
            ran.Add("first");
            second!.Cancel();
        });
        second = clock.CallLater(1, () => ran.Add("second"));
        clock.Advance(1);
        Assert.Equal(["first"], ran);
        Assert.Empty(clock.GetDelayedCalls());
    }

    [Fact]
    public void CallLater_ManyRandomDelays_RunInDueOrderWithFifoTies()
    {
        var clock = new Clock();
        var random = new Random(42);
        var expected = new List<(double Due, int Index)>();
        var ran = new List<int>();
        for (var i = 0; i < 10_000; i++)
        {
            var due = random.Next(100);
            expected.Add((due, i));
            var index = i;
            clock.CallLater(due, () => ran.Add(index));
        }
        var cancelled = new HashSet<int>();
        foreach (var call in clock.GetDelayedCalls().Where((_, i) => i % 7 == 0).ToList())
        {
            call.Cancel();
        }
        var pendingBefore = clock.GetDelayedCalls().Count;
        for (var t = 0; t < 100; t++)
        {
            clock.Advance(1);
        }
        Assert.Equal(pendingBefore, ran.Count);
        var runOrder = ran.Select(i => expected[i]).ToList();
        Assert.Equal(runOrder.OrderBy(e => e.Due).ThenBy(e => e.Index), runOrder);
        Assert.Empty(clock.GetDelayedCalls());
    }

    [Fact]
    public void ToString_ShowsTimeAndPending()
    {
        var clock = new Clock();
        var call = clock.CallLater(2.5, () => { });
        Assert.Equal("<Clock at 0s, 1 pending>", clock.ToString());
        Assert.StartsWith("<DelayedCall [2.5s] called=0 cancelled=0", call.ToString(), StringComparison.Ordinal);
    }
}
