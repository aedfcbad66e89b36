using System.Diagnostics;

namespace Deferreds;

/// <summary>
/// The deterministic fake clock for tests (Twisted's <c>task.Clock</c>), and a .NET <see cref="TimeProvider"/>:
/// nothing happens until <see cref="Advance(double)"/>, which moves time once and then runs every due call,
/// in order of due time and, for equal times, in scheduling order. <c>Task.Delay(t, clock)</c>,
/// <c>new PeriodicTimer(period, clock)</c> and <c>new CancellationTokenSource(t, clock)</c> follow it too;
/// their timer callbacks run synchronously inside <see cref="Advance(double)"/>.
/// </summary>
/// <remarks>
/// Time starts at 0 seconds, which <see cref="GetUtcNow"/> shows as the Unix epoch (Twisted's <c>seconds()</c>
/// is Unix time too). The methods may be called from any thread, but calls always run on the thread that
/// called <see cref="Advance(double)"/>.
/// </remarks>
[DebuggerDisplay("Clock at {Seconds()}s, {PendingCount} pending")]
public sealed class Clock : TimeProvider, IReactorTime, IDelayedCallOwner
{
    private readonly object gate = new();
    private readonly DelayedCallHeap heap = new();
    private readonly List<(DelayedCall Call, double PreviousDue)> dirty = [];
    private double rightNow;
    private long nextSequence;
    private long nextEarlySequence;

    object IDelayedCallOwner.Gate => gate;

    /// <inheritdoc/>
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <inheritdoc/>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    private int PendingCount
    {
        get
        {
            lock (gate)
            {
                return heap.LiveCount;
            }
        }
    }

    /// <summary>The current fake time in seconds, starting at 0 (Twisted's <c>seconds()</c>).</summary>
    /// <returns>The seconds this clock has been advanced by.</returns>
    public double Seconds()
    {
        lock (gate)
        {
            return rightNow;
        }
    }

    /// <inheritdoc/>
    public IDelayedCall CallLater(TimeSpan delay, Action f) => CallLater(delay.TotalSeconds, f);

    /// <inheritdoc/>
    /// <remarks>Unlike Twisted's <c>Clock</c>, a negative delay is rejected rather than run at the next advance.</remarks>
    public IDelayedCall CallLater(double seconds, Action f)
    {
        TimeArguments.ThrowIfNegativeOrNaN(seconds, nameof(seconds));
        ArgumentNullException.ThrowIfNull(f);
        lock (gate)
        {
            return ScheduleLocked(rightNow + seconds, f);
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<IDelayedCall> GetDelayedCalls()
    {
        lock (gate)
        {
            return heap.ToSortedArray();
        }
    }

    /// <summary>Moves time forward by <paramref name="amount"/> and runs the calls now due (Twisted's <c>advance</c>).</summary>
    /// <param name="amount">How far to move; zero runs what is already due.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="amount"/> is negative.</exception>
    public void Advance(TimeSpan amount) => Advance(amount.TotalSeconds);

    /// <summary>
    /// Moves time forward by <paramref name="seconds"/> once, then runs every call whose due time has been reached,
    /// one at a time, each seeing the final time (Twisted's <c>advance</c>). Calls scheduled meanwhile for a time
    /// already reached run in this same advance. An exception from a call propagates out at once; the calls
    /// not yet run stay pending.
    /// </summary>
    /// <param name="seconds">How many seconds to move; zero runs what is already due.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="seconds"/> is negative, NaN or infinite.</exception>
    public void Advance(double seconds)
    {
        if (!(seconds >= 0.0) || double.IsPositiveInfinity(seconds))
        {
            throw new ArgumentOutOfRangeException(
                nameof(seconds),
                seconds,
                "A Clock only moves forward: advance it by a finite, non-negative number of seconds.");
        }
        lock (gate)
        {
            rightNow += seconds;
        }
        while (true)
        {
            object func;
            lock (gate)
            {
                // Twisted sorts after moving time and after every call; reset calls take their places here.
                ApplyResetsLocked();
                if (!heap.TryPeek(out var due, out _) || due > rightNow)
                {
                    return;
                }
                var call = heap.Pop();
                call.Called = true;
                func = call.Func!;
                call.Func = null;
                if (func is ClockTimer timer)
                {
                    timer.TickLocked(call);
                }
            }
            if (func is Action action)
            {
                action();
            }
            else
            {
                ((ClockTimer)func).RunCallback();
            }
        }
    }

    /// <summary>Advances by each amount in turn (Twisted's <c>pump</c>).</summary>
    /// <param name="timings">The amounts, in seconds.</param>
    /// <exception cref="ArgumentNullException"><paramref name="timings"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An amount is negative.</exception>
    public void Pump(IEnumerable<double> timings)
    {
        ArgumentNullException.ThrowIfNull(timings);
        foreach (var amount in timings)
        {
            Advance(amount);
        }
    }

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UnixEpoch + TimeSpan.FromSeconds(Seconds());

    /// <inheritdoc/>
    public override long GetTimestamp() => TimeSpan.FromSeconds(Seconds()).Ticks;

    /// <inheritdoc/>
    /// <remarks>The timer's callback runs synchronously inside <see cref="Advance(double)"/>; a periodic timer's
    /// next tick is due one period after the previous due time, so one long advance runs every tick it covers.</remarks>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new ClockTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Shows the time and the pending calls.</summary>
    /// <returns>A description for debugging.</returns>
    public override string ToString() => $"<Clock at {Seconds()}s, {PendingCount} pending>";

    double IDelayedCallOwner.Seconds() => rightNow;

    void IDelayedCallOwner.CheckCaller(string operation)
    {
    }

    void IDelayedCallOwner.Unschedule(DelayedCall call) => heap.Remove(call);

    void IDelayedCallOwner.Rescheduled(DelayedCall call, double previousDue)
    {
        // The first change since the last sort point starts from the due time the call is queued at.
        if (!call.Dirty)
        {
            call.Dirty = true;
            dirty.Add((call, previousDue));
        }
    }

    /// <summary>
    /// Queues <paramref name="func"/> (an <see cref="Action"/> or a <see cref="ClockTimer"/>) at the absolute time
    /// <paramref name="due"/> (caller holds the gate).
    /// </summary>
    internal DelayedCall ScheduleLocked(double due, object func)
    {
        ApplyResetsLocked();
        var call = new DelayedCall(this, due, func);
        heap.Push(call, due, nextSequence++);
        return call;
    }

    internal object Gate => gate;

    internal double SecondsLocked => rightNow;

    /// <summary>Cancels a pending timer call quietly (caller holds the gate).</summary>
    internal void UnscheduleLocked(DelayedCall call)
    {
        if (call.Active)
        {
            heap.Remove(call);
            call.Cancelled = true;
            call.Func = null;
        }
    }

    /// <summary>
    /// Twisted's Clock keeps a list it stable-sorts by due time on every <c>callLater</c> and after every call it runs,
    /// while <c>reset</c>/<c>delay</c> change a due time without sorting. So when due times tie after a reset, the
    /// call earlier in the list (ordered at the previous sort) runs first. The heap's keys always encode that list
    /// order; here, at each of Twisted's sort points, each call reset since then gets a key that puts it where the
    /// stable sort would: moved later, it goes before the calls already due at its new time (it was ahead of them
    /// in the list); moved earlier, after them; unchanged, where it was. A moved call gets a fresh entry with its new
    /// key (its old entry goes stale); an unchanged one keeps its entry.
    /// </summary>
    private void ApplyResetsLocked()
    {
        if (dirty.Count == 0)
        {
            return;
        }
        // Old list order, so calls landing on the same time keep their relative order. A cancelled call's sequence
        // is no longer its old one, but it takes no place below, so where it sorts does not matter.
        dirty.Sort(static (a, b) =>
        {
            var byDue = a.PreviousDue.CompareTo(b.PreviousDue);
            return byDue != 0 ? byDue : a.Call.Sequence.CompareTo(b.Call.Sequence);
        });
        for (var i = dirty.Count - 1; i >= 0; i--)
        {
            var (call, previousDue) = dirty[i];
            call.Dirty = false;
            if (call.Active && call.GetTime() > previousDue)
            {
                heap.Push(call, call.GetTime(), --nextEarlySequence);
            }
        }
        foreach (var (call, previousDue) in dirty)
        {
            if (call.Active && call.GetTime() < previousDue)
            {
                heap.Push(call, call.GetTime(), nextSequence++);
            }
        }
        dirty.Clear();
    }
}
