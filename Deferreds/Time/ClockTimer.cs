namespace Deferreds;

/// <summary>
/// A <see cref="TimeProvider"/> timer on a <see cref="Clock"/>: each tick is a call on the clock's queue whose work is
/// this timer itself (<see cref="Fire"/>), so a tick costs one <see cref="DelayedCall"/> and no delegate.
/// </summary>
internal sealed class ClockTimer : ITimer
{
    private readonly Clock clock;

    private readonly object? state;
    private DelayedCall? pending;
    private double period;
    private bool disposed;

    internal ClockTimer(Clock clock, TimerCallback callback, object? state)
    {
        this.clock = clock;
        Callback = callback;
        this.state = state;
    }

    internal TimerCallback Callback { get; }

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

    /// <summary>Runs the tick that just left the clock's queue, unless a <see cref="Change"/> or <see cref="Dispose"/> came first.</summary>
    internal void Fire()
    {
        lock (clock.Gate)
        {
            // The clock marks a tick called as it takes it from the queue; a pending tick not yet called means
            // Change replaced the one that fired, which must then not run.
            if (disposed || pending is not { Called: true } fired)
            {
                return;
            }
            pending = null;
            if (period > 0.0)
            {
                ScheduleLocked(fired.GetTime() + period);
            }
        }
        Callback(state);
    }

    private void ScheduleLocked(double due) => pending = clock.ScheduleLocked(due, this);

    private void Unschedule()
    {
        if (pending is { } call)
        {
            clock.UnscheduleLocked(call);
            pending = null;
        }
    }
}
