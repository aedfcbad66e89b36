namespace Deferreds;

public partial class Deferred
{
    /// <summary>
    /// Cancels this Deferred if it has not fired within <paramref name="timeout"/> on <paramref name="clock"/>
    /// (Twisted's <c>addTimeout</c>). Callbacks added after this call then see a <see cref="TimeoutError"/>
    /// instead of the <see cref="CancelledError"/> (callbacks added before see the raw cancellation); a result
    /// that arrives in time cancels the timer.
    /// </summary>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="clock">The clock to time it on.</param>
    /// <param name="onTimeoutCancel">
    /// Called with the result and <paramref name="timeout"/> only when the timeout fired; its return value becomes
    /// the result. By default a <see cref="CancelledError"/> failure becomes a <see cref="TimeoutError"/>,
    /// and anything else passes unchanged.
    /// </param>
    /// <returns>This Deferred.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="clock"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative.</exception>
    public Deferred AddTimeout(TimeSpan timeout, IReactorTime clock, Func<object?, TimeSpan, object?>? onTimeoutCancel = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        TimeArguments.ThrowIfNegativeOrNaN(timeout.TotalSeconds, nameof(timeout));
        var timedOut = false;
        var delayedCall = clock.CallLater(timeout, () =>
        {
            timedOut = true;
            Cancel();
        });
        var convert = onTimeoutCancel ?? CancelledToTimedOut;
        AddBoth(result => timedOut ? convert(result, timeout) : result);
        AddBoth(result =>
        {
            if (delayedCall.Active)
            {
                delayedCall.Cancel();
            }
            return result;
        });
        return this;
    }

    private static object? CancelledToTimedOut(object? result, TimeSpan timeout)
    {
        if (result is Failure failure)
        {
            failure.Trap(typeof(CancelledError));
            throw new TimeoutError(timeout, "Deferred");
        }
        return result;
    }
}
