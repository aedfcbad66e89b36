namespace Deferreds.Tests.Time;

/// <summary>Clock as a .NET <see cref="TimeProvider"/>: Task.Delay, PeriodicTimer, CancellationTokenSource, ITimer.</summary>
public sealed class ClockTimeProviderTests
{
    [Fact]
    public void GetUtcNowAndTimestamp_FollowAdvance()
    {
        var clock = new Clock();
        Assert.Equal(DateTimeOffset.UnixEpoch, clock.GetUtcNow());
        var start = clock.GetTimestamp();
        clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(DateTimeOffset.UnixEpoch.AddMinutes(3), clock.GetUtcNow());
        Assert.Equal(TimeSpan.FromMinutes(3), clock.GetElapsedTime(start));
        Assert.Equal(TimeZoneInfo.Utc, clock.LocalTimeZone);
    }

    [Fact]
    public void TaskDelay_CompletesOnlyWhenClockReachesIt()
    {
        var clock = new Clock();
        var delay = Task.Delay(TimeSpan.FromSeconds(5), clock);
        clock.Advance(4.9);
        Assert.False(delay.IsCompleted);
        clock.Advance(0.1);
        Assert.True(delay.IsCompletedSuccessfully);
        Assert.Empty(clock.GetDelayedCalls());
    }

    [Fact]
    public async Task TaskDelay_CancelledToken_RemovesItsTimer()
    {
        var clock = new Clock();
        using var cts = new CancellationTokenSource();
        var delay = Task.Delay(TimeSpan.FromSeconds(5), clock, cts.Token);
        Assert.Single(clock.GetDelayedCalls());
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => delay);
        Assert.Empty(clock.GetDelayedCalls());
    }

    [Fact]
    public void CancellationTokenSource_WithClock_CancelsAfterAdvance()
    {
        var clock = new Clock();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2), clock);
        clock.Advance(1);
        Assert.False(cts.IsCancellationRequested);
        clock.Advance(1);
        Assert.True(cts.IsCancellationRequested);
    }

    [Fact]
    public async Task PeriodicTimer_WithClock_TicksOnAdvance()
    {
        var clock = new Clock();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), clock);
        var tick = timer.WaitForNextTickAsync();
        Assert.False(tick.IsCompleted);
        clock.Advance(1);
        Assert.True(tick.IsCompleted);
        Assert.True(await tick);
        var next = timer.WaitForNextTickAsync();
        Assert.False(next.IsCompleted);
        clock.Advance(1);
        Assert.True(next.IsCompleted);
        Assert.True(await next);
        timer.Dispose();
        Assert.Empty(clock.GetDelayedCalls());
    }

    [Fact]
    public void CreateTimer_Periodic_FiresEachPeriodCoveredByOneAdvance()
    {
        var clock = new Clock();
        var ticks = new List<double>();
        using var timer = clock.CreateTimer(_ => ticks.Add(clock.Seconds()), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        clock.Advance(6);
        Assert.Equal([6.0, 6.0, 6.0], ticks);
        clock.Advance(1);
        Assert.Equal(4, ticks.Count);
    }

    [Fact]
    public void CreateTimer_ChangeAndDispose_Reschedule()
    {
        var clock = new Clock();
        var fired = new List<object?>();
        var state = new object();
        var timer = clock.CreateTimer(s => fired.Add(s), state, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Assert.Empty(clock.GetDelayedCalls());
        Assert.True(timer.Change(TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan));
        Assert.True(timer.Change(TimeSpan.FromSeconds(1), TimeSpan.Zero));
        Assert.Single(clock.GetDelayedCalls());
        clock.Advance(1);
        Assert.Equal([state], fired);
        clock.Advance(5);
        Assert.Single(fired);
        timer.Change(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        timer.Dispose();
        Assert.False(timer.Change(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan));
        clock.Advance(5);
        Assert.Single(fired);
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(-2), Timeout.InfiniteTimeSpan));
    }

    [Fact]
    public void CreateTimer_DisposedInsideItsCallback_StopsTicking()
    {
        var clock = new Clock();
        var count = 0;
        ITimer? timer = null;
        timer = clock.CreateTimer(_ =>
        {
            if (++count == 2)
            {
                timer!.Dispose();
            }
        }, null, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        clock.Advance(10);
        Assert.Equal(2, count);
        Assert.Empty(clock.GetDelayedCalls());
    }

    [Fact]
    public void TimerAndCallLater_SameDueTime_RunInSchedulingOrder()
    {
        var clock = new Clock();
        var order = new List<string>();
        clock.CallLater(1, () => order.Add("call"));
        using var timer = clock.CreateTimer(_ => order.Add("timer"), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        clock.CallLater(1, () => order.Add("call2"));
        clock.Advance(1);
        Assert.Equal(["call", "timer", "call2"], order);
    }
}
