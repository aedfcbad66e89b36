using System.Diagnostics;

namespace Deferreds;

/// <summary>
/// A <see cref="TimeProvider"/> timer on a <see cref="Clock"/>: each tick is a call on the clock's queue whose work is
/// this timer itself, so a tick costs one <see cref="DelayedCall"/> and no delegate.
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

    /// <summary>
    /// Called by the clock, under its gate, as this timer's pending tick leaves the queue (so no <see cref="Change"/>
    /// or <see cref="Dispose"/> replaced it): queues a periodic timer's next tick, one period after this one.
    /// </summary>
    internal void TickLocked(DelayedCall tick)
    {
        Debug.Assert(tick == pending, "Change and Dispose unqueue the tick they replace.");
        pending = null;
        if (period > 0.0)
        {
            ScheduleLocked(tick.GetTime() + period);
        }
    }

    /// <summary>Runs the callback for a tick the clock took from its queue (outside its gate).</summary>
    internal void RunCallback() => Callback(state);

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
