namespace Deferreds;

/// <summary>The scheduler a <see cref="DelayedCall"/> belongs to (a <see cref="Clock"/> or a <see cref="Reactor"/>).</summary>
internal interface IDelayedCallOwner
{
    /// <summary>The lock guarding the owner's queue and every call's state.</summary>
    object Gate { get; }

    /// <summary>The owner's current time.</summary>
    double Seconds();

    /// <summary>Throws when the caller may not touch the owner's calls from this thread.</summary>
    void CheckCaller(string operation);

    /// <summary>Removes a pending call from the queue (under <see cref="Gate"/>).</summary>
    void Unschedule(DelayedCall call);

    /// <summary>Notes that a pending call's due time changed from <paramref name="previousDue"/> (under <see cref="Gate"/>).</summary>
    void Rescheduled(DelayedCall call, double previousDue);
}
