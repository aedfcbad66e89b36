using System.Globalization;

namespace Deferreds;

/// <summary>
/// One scheduled call (Twisted's <c>base.DelayedCall</c>): the due time is kept as Twisted keeps it,
/// <c>time + delayed_time</c>, so reset/delay arithmetic rounds the same way.
/// </summary>
internal sealed class DelayedCall : IDelayedCall
{
    private readonly IDelayedCallOwner owner;

    internal DelayedCall(IDelayedCallOwner owner, double time, object func)
    {
        this.owner = owner;
        Time = time;
        Func = func;
    }

    internal double Time { get; private set; }

    internal double DelayedTime { get; private set; }

    /// <summary>
    /// The work to run: an <see cref="Action"/>, or the <see cref="ClockTimer"/> whose next tick this is (so a timer
    /// needs no delegate of its own); dropped once the call ran or was cancelled.
    /// </summary>
    internal object? Func { get; set; }

    internal bool Called { get; set; }

    internal bool Cancelled { get; set; }

    /// <summary>
    /// The sequence (tie-breaker among equal due times: smaller runs first) of this call's live entry in its owner's
    /// <see cref="DelayedCallHeap"/>, or <see cref="DelayedCallHeap.NotQueued"/>.
    /// </summary>
    internal long Sequence { get; set; } = DelayedCallHeap.NotQueued;

    /// <summary>Reset or delayed since the owner last ordered its queue (a <see cref="Clock"/> only).</summary>
    internal bool Dirty { get; set; }

    public bool Active => !(Called || Cancelled);

    public double GetTime() => Time + DelayedTime;

    public void Cancel()
    {
        owner.CheckCaller(nameof(Cancel));
        lock (owner.Gate)
        {
            ThrowIfFinished();
            owner.Unschedule(this);
            Cancelled = true;
            Func = null;
        }
    }

    public void Reset(TimeSpan fromNow) => Reset(fromNow.TotalSeconds);

    public void Reset(double secondsFromNow)
    {
        TimeArguments.ThrowIfNegativeOrNaN(secondsFromNow, nameof(secondsFromNow));
        owner.CheckCaller(nameof(Reset));
        lock (owner.Gate)
        {
            ThrowIfFinished();
            var previousDue = GetTime();
            var newTime = owner.Seconds() + secondsFromNow;
            if (newTime < Time)
            {
                DelayedTime = 0.0;
                Time = newTime;
            }
            else
            {
                DelayedTime = newTime - Time;
            }
            owner.Rescheduled(this, previousDue);
        }
    }

    public void Delay(TimeSpan later) => Delay(later.TotalSeconds);

    public void Delay(double secondsLater)
    {
        if (double.IsNaN(secondsLater))
        {
            throw new ArgumentOutOfRangeException(nameof(secondsLater), secondsLater, "The delay must be a number of seconds, not NaN.");
        }
        owner.CheckCaller(nameof(Delay));
        lock (owner.Gate)
        {
            ThrowIfFinished();
            var previousDue = GetTime();
            DelayedTime += secondsLater;
            if (DelayedTime < 0.0)
            {
                Time += DelayedTime;
                DelayedTime = 0.0;
            }
            owner.Rescheduled(this, previousDue);
        }
    }

    /// <summary>Twisted's repr: <c>&lt;DelayedCall [in-seconds] called=0 cancelled=0 func&gt;</c>.</summary>
    public override string ToString()
    {
        var method = Func switch
        {
            Action action => action.Method,
            ClockTimer timer => timer.Callback.Method,
            _ => null,
        };
        var func = method is not null ? $" {method.DeclaringType?.Name}.{method.Name}" : string.Empty;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"<DelayedCall [{GetTime() - owner.Seconds()}s] called={(Called ? 1 : 0)} cancelled={(Cancelled ? 1 : 0)}{func}>");
    }

    private void ThrowIfFinished()
    {
        if (Cancelled)
        {
            throw new AlreadyCancelled();
        }
        if (Called)
        {
            throw new AlreadyCalled();
        }
    }
}
