namespace Deferreds;

/// <summary>A <see cref="TimeProvider"/> timer on a <see cref="Clock"/>: each tick is a call on the clock's queue.</summary>
internal sealed class ClockTimer : ITimer
{
    private readonly Clock clock;
    private readonly TimerCallback callback;
    private readonly object? state;
    private DelayedCall? pending;
    private double period;
    private bool disposed;

    internal ClockTimer(Clock clock, TimerCallback callback, object? state)
    {
        this.clock = clock;
        this.callback = callback;
        this.state = state;
    }

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        ThrowIfInvalid(dueTime, nameof(dueTime));
        ThrowIfInvalid(period, nameof(period));
        lock (clock.Gate)
        {
            if (disposed)
            {
                return false;
            }
            Unschedule();
            this.period = period == Timeout.InfiniteTimeSpan ? 0.0 : period.TotalSeconds;
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                ScheduleLocked(clock.SecondsLocked + dueTime.TotalSeconds);
            }
            return true;
        }
    }

    public void Dispose()
    {
        lock (clock.Gate)
        {
            disposed = true;
            Unschedule();
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return default;
    }

    private static void ThrowIfInvalid(TimeSpan value, string paramName)
    {
        if (value < TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(paramName, value, "A timer's due time and period must be zero or more, or Timeout.InfiniteTimeSpan.");
        }
    }

    private void ScheduleLocked(double due)
    {
        DelayedCall? call = null;
        call = clock.ScheduleLocked(due, () => Fire(call!));
        pending = call;
    }

    private void Fire(DelayedCall fired)
    {
        lock (clock.Gate)
        {
            if (disposed || pending != fired)
            {
                return;
            }
            pending = null;
            if (period > 0.0)
            {
                ScheduleLocked(fired.GetTime() + period);
            }
        }
        callback(state);
    }

    private void Unschedule()
    {
        if (pending is { } call)
        {
            clock.UnscheduleLocked(call);
            pending = null;
        }
    }
}
