namespace Deferreds;

/// <summary>
/// A call scheduled by <see cref="IReactorTime.CallLater(TimeSpan, Action)"/> (Twisted's <c>IDelayedCall</c>).
/// Cancelling, resetting or delaying a call that has run throws <see cref="AlreadyCalled"/>;
/// one that was cancelled throws <see cref="AlreadyCancelled"/>.
/// </summary>
public interface IDelayedCall
{
    /// <summary>True while the call has neither run nor been cancelled (Twisted's <c>active()</c>).</summary>
    bool Active { get; }

    /// <summary>When the call is due, on its clock's <see cref="IReactorTime.Seconds"/> scale (Twisted's <c>getTime()</c>).</summary>
    /// <returns>The due time in seconds.</returns>
    double GetTime();

    /// <summary>Unschedules the call (Twisted's <c>cancel()</c>).</summary>
    /// <exception cref="AlreadyCalled">The call has already run (or is running).</exception>
    /// <exception cref="AlreadyCancelled">The call was already cancelled.</exception>
    void Cancel();

    /// <summary>Reschedules the call to <paramref name="fromNow"/> after the current time (Twisted's <c>reset()</c>).</summary>
    /// <param name="fromNow">The new delay from now; must not be negative.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fromNow"/> is negative.</exception>
    /// <exception cref="AlreadyCalled">The call has already run.</exception>
    /// <exception cref="AlreadyCancelled">The call was cancelled.</exception>
    void Reset(TimeSpan fromNow);

    /// <summary>Reschedules the call to <paramref name="secondsFromNow"/> seconds after the current time (Twisted's <c>reset()</c>).</summary>
    /// <param name="secondsFromNow">The new delay in seconds; must not be negative or NaN.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="secondsFromNow"/> is negative or NaN.</exception>
    /// <exception cref="AlreadyCalled">The call has already run.</exception>
    /// <exception cref="AlreadyCancelled">The call was cancelled.</exception>
    void Reset(double secondsFromNow);

    /// <summary>Moves the call <paramref name="later"/> further out (negative brings it closer) (Twisted's <c>delay()</c>).</summary>
    /// <param name="later">How much later the call should run.</param>
    /// <exception cref="AlreadyCalled">The call has already run.</exception>
    /// <exception cref="AlreadyCancelled">The call was cancelled.</exception>
    void Delay(TimeSpan later);

    /// <summary>Moves the call <paramref name="secondsLater"/> seconds further out (negative brings it closer) (Twisted's <c>delay()</c>).</summary>
    /// <param name="secondsLater">How many seconds later the call should run; must not be NaN.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="secondsLater"/> is NaN.</exception>
    /// <exception cref="AlreadyCalled">The call has already run.</exception>
    /// <exception cref="AlreadyCancelled">The call was cancelled.</exception>
    void Delay(double secondsLater);
}
