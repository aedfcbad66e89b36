using System.Globalization;

namespace Deferreds;

/// <summary>
/// One scheduled call (Twisted's <c>base.DelayedCall</c>): the due time is kept as Twisted keeps it,
/// <c>time + delayed_time</c>, so reset/delay arithmetic rounds the same way.
/// </summary>
internal sealed class DelayedCall : IDelayedCall
{
    private readonly IDelayedCallOwner owner;

    internal DelayedCall(IDelayedCallOwner owner, double time, Action func)
    {
        this.owner = owner;
        Time = time;
        Func = func;
    }

    internal double Time { get; private set; }

    internal double DelayedTime { get; private set; }

    /// <summary>The work to run; dropped once the call ran or was cancelled.</summary>
    internal Action? Func { get; set; }

    internal bool Called { get; set; }

    internal bool Cancelled { get; set; }

    /// <summary>The due time the queue ordered this call by (stale while <see cref="Dirty"/>).</summary>
    internal double HeapDue { get; set; }

    /// <summary>Tie-breaker among equal due times: smaller runs first.</summary>
    internal long Sequence { get; set; }

    /// <summary>Position in the owner's heap, or -1 when not queued.</summary>
    internal int HeapIndex { get; set; } = -1;

    /// <summary>Reset or delayed since the owner last ordered its queue.</summary>
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
            owner.Rescheduled(this);
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
            DelayedTime += secondsLater;
            if (DelayedTime < 0.0)
            {
                Time += DelayedTime;
                DelayedTime = 0.0;
            }
            owner.Rescheduled(this);
        }
    }

    /// <summary>Twisted's repr: <c>&lt;DelayedCall [in-seconds] called=0 cancelled=0 func&gt;</c>.</summary>
    public override string ToString()
    {
        var func = Func is { } f ? $" {f.Method.DeclaringType?.Name}.{f.Method.Name}" : string.Empty;
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
