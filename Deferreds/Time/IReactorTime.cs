namespace Deferreds;

/// <summary>
/// Something that can run code later (Twisted's <c>IReactorTime</c>): the fake <see cref="Clock"/> in tests,
/// the real <see cref="Reactor"/> in applications.
/// </summary>
public interface IReactorTime
{
    /// <summary>The current time in seconds (Twisted's <c>seconds()</c>).</summary>
    /// <returns>Seconds on this time source's scale.</returns>
    double Seconds();

    /// <summary>Runs <paramref name="f"/> once, <paramref name="delay"/> from now (Twisted's <c>callLater</c>).</summary>
    /// <param name="delay">How long to wait; must not be negative.</param>
    /// <param name="f">What to run.</param>
    /// <returns>A handle to cancel, reset or delay the call.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    IDelayedCall CallLater(TimeSpan delay, Action f);

    /// <summary>Runs <paramref name="f"/> once, <paramref name="seconds"/> from now (Twisted's <c>callLater</c>).</summary>
    /// <param name="seconds">How many seconds to wait; must not be negative or NaN.</param>
    /// <param name="f">What to run.</param>
    /// <returns>A handle to cancel, reset or delay the call.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="seconds"/> is negative or NaN.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    IDelayedCall CallLater(double seconds, Action f);

    /// <summary>The calls still pending, in the order they will run (Twisted's <c>getDelayedCalls()</c>).</summary>
    /// <returns>A snapshot of the pending calls.</returns>
    IReadOnlyList<IDelayedCall> GetDelayedCalls();
}
