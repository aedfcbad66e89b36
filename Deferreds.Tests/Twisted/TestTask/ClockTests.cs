namespace Deferreds.Tests.Twisted.TestTask;

/// <summary>Ports of twisted.test.test_task.ClockTests (reference scenarios 106–111).</summary>
public sealed class ClockTests
{
    [Fact]
    [Trait("Twisted", "testSeconds")]
    public void Seconds_NewClock_IsZero()
    {
        Assert.Equal(0.0, new Clock().Seconds());
    }

    [Fact]
    [Trait("Twisted", "testCallLater")]
    public void CallLater_Scheduled_ReturnsActiveCallDueThen()
    {
        var c = new Clock();
        IDelayedCall call = c.CallLater(1, () => { });
        Assert.Equal(1.0, call.GetTime());
        Assert.True(call.Active);
    }

    [Fact]
    [Trait("Twisted", "testCallLaterCancelled")]
    public void Cancel_PendingCall_MakesItInactive()
    {
        var c = new Clock();
        var call = c.CallLater(1, () => { });
        call.Cancel();
        Assert.False(call.Active);
        Assert.Empty(c.GetDelayedCalls());
    }

    [Fact]
    [Trait("Twisted", "test_callLaterOrdering")]
    public void CallLater_TwoCalls_ReturnsDistinctCalls()
    {
        var c = new Clock();
        var call1 = c.CallLater(10, () => { });
        var call2 = c.CallLater(1, () => { });
        Assert.NotSame(call1, call2);
    }

    [Fact]
    [Trait("Twisted", "testAdvance")]
    public void Advance_ToDueTime_RunsCallOnce()
    {
        var events = new List<string>();
        var c = new Clock();
        var call = c.CallLater(2, () => events.Add("ran"));
        c.Advance(1);
        Assert.Empty(events);
        c.Advance(1);
        Assert.Equal(["ran"], events);
        Assert.False(call.Active);
        c.Advance(10);
        Assert.Single(events);
    }

    [Fact]
    [Trait("Twisted", "testAdvanceCancel")]
    public void Cancel_InsideItsOwnCall_ThrowsAlreadyCalled()
    {
        var c = new Clock();
        IDelayedCall? call = null;
        Exception? raised = null;
        call = c.CallLater(1, () => raised = Record.Exception(() => call!.Cancel()));
        c.Advance(1);
        Assert.IsType<AlreadyCalled>(raised);
    }

    [Fact]
    [Trait("Twisted", "testCallLaterDelayed")]
    public void Delay_PendingCall_MovesItLater()
    {
        var events = new List<(int, int)>();
        var c = new Clock();
        var call = c.CallLater(1, () => events.Add((1, 2)));
        call.Delay(1);
        Assert.Equal(2.0, call.GetTime());
        c.Advance(1.5);
        Assert.Empty(events);
        c.Advance(1.0);
        Assert.Equal([(1, 2)], events);
    }

    [Fact]
    [Trait("Twisted", "testCallLaterResetLater")]
    public void Reset_Later_RunsAtNewTime()
    {
        var events = new List<string>();
        var c = new Clock();
        var call = c.CallLater(2, () => events.Add("ran"));
        c.Advance(1);
        call.Reset(3);
        Assert.Equal(4.0, call.GetTime());
        c.Advance(2);
        Assert.Empty(events);
        c.Advance(1);
        Assert.Equal(["ran"], events);
    }

    [Fact]
    [Trait("Twisted", "testCallLaterResetSooner")]
    public void Reset_Sooner_RunsAtNewTime()
    {
        var events = new List<string>();
        var c = new Clock();
        var call = c.CallLater(4, () => events.Add("ran"));
        call.Reset(3);
        Assert.Equal(3.0, call.GetTime());
        c.Advance(3);
        Assert.Equal(["ran"], events);
    }

    [Fact]
    [Trait("Twisted", "test_getDelayedCalls")]
    public void GetDelayedCalls_TwoPending_ReturnsBoth()
    {
        var c = new Clock();
        var call = c.CallLater(1, () => { });
        var call2 = c.CallLater(2, () => { });
        Assert.Equal([call, call2], c.GetDelayedCalls());
    }

    [Fact]
    [Trait("Twisted", "test_getDelayedCallsEmpty")]
    public void GetDelayedCalls_NewClock_IsEmpty()
    {
        Assert.Empty(new Clock().GetDelayedCalls());
    }

    [Fact]
    [Trait("Twisted", "test_providesIReactorTime")]
    public void Clock_ProvidesIReactorTime()
    {
        Assert.IsAssignableFrom<IReactorTime>(new Clock());
    }

    [Fact]
    [Trait("Twisted", "test_callLaterKeepsCallsOrdered")]
    public void CallLater_AfterResetLater_KeepsOrder()
    {
        var result = new List<(string, double)>();
        var clock = new Clock();
        var callA = clock.CallLater(1.0, () => result.Add(("a", clock.Seconds())));
        callA.Reset(3.0);
        clock.CallLater(2.0, () => result.Add(("b", clock.Seconds())));
        clock.Pump([1, 1, 1]);
        Assert.Equal([("b", 2.0), ("a", 3.0)], result);
    }

    [Fact]
    [Trait("Twisted", "test_callLaterResetKeepsCallsOrdered")]
    public void Reset_AfterLaterCall_KeepsOrder()
    {
        var result = new List<(string, double)>();
        var clock = new Clock();
        var callA = clock.CallLater(1.0, () => result.Add(("a", clock.Seconds())));
        clock.CallLater(2.0, () => result.Add(("b", clock.Seconds())));
        callA.Reset(3.0);
        clock.Pump([1, 1, 1]);
        Assert.Equal([("b", 2.0), ("a", 3.0)], result);
    }

    [Fact]
    [Trait("Twisted", "test_callLaterResetInsideCallKeepsCallsOrdered")]
    public void Reset_InsideACall_KeepsOrder()
    {
        var result = new List<(string, double)>();
        var clock = new Clock();
        var callB = clock.CallLater(2.0, () => result.Add(("b", clock.Seconds())));
        clock.CallLater(1.0, () => callB.Reset(3.0));
        clock.CallLater(3.0, () => result.Add(("c", clock.Seconds())));
        clock.Pump(Enumerable.Repeat(0.5, 10));
        Assert.Equal([("c", 3.0), ("b", 4.0)], result);
    }
}
