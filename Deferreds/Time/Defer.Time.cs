namespace Deferreds;

public static partial class Defer
{
    /// <summary>
    /// A Deferred that fires with <paramref name="f"/>'s result after <paramref name="delay"/> on
    /// <paramref name="clock"/> (Twisted's <c>task.deferLater</c>). A Deferred returned by <paramref name="f"/>
    /// is waited for; an exception it throws fails the Deferred. Cancelling it before the delay unschedules the
    /// call, so <paramref name="f"/> never runs, and the Deferred fails with <see cref="CancelledError"/>.
    /// </summary>
    /// <param name="clock">The clock to wait on.</param>
    /// <param name="delay">How long to wait; must not be negative.</param>
    /// <param name="f">What to call after the delay; null fires the Deferred with null.</param>
    /// <returns>The Deferred for <paramref name="f"/>'s result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="clock"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative.</exception>
    public static Deferred DeferLater(IReactorTime clock, TimeSpan delay, Func<object?>? f = null)
    {
        var deferred = Sleep(clock, delay);
        ((Deferred)deferred).AddCallback(_ => f?.Invoke());
        return deferred;
    }

    /// <summary>Typed <see cref="DeferLater(IReactorTime, TimeSpan, Func{object?}?)"/>: fires with <paramref name="f"/>'s value after <paramref name="delay"/>.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="clock">The clock to wait on.</param>
    /// <param name="delay">How long to wait; must not be negative.</param>
    /// <param name="f">What to call after the delay.</param>
    /// <returns>The Deferred for <paramref name="f"/>'s result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="clock"/> or <paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative.</exception>
    public static Deferred<T> DeferLater<T>(IReactorTime clock, TimeSpan delay, Func<T> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Sleep(clock, delay).AddCallback(_ => f());
    }

    /// <summary>
    /// <see cref="DeferLater(IReactorTime, TimeSpan, Func{object?}?)"/> for a function that returns a Deferred:
    /// after the delay, the result waits for that Deferred.
    /// </summary>
    /// <param name="clock">The clock to wait on.</param>
    /// <param name="delay">How long to wait; must not be negative.</param>
    /// <param name="f">What to call after the delay.</param>
    /// <returns>The Deferred for the result of <paramref name="f"/>'s Deferred.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="clock"/> or <paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative.</exception>
    public static Deferred DeferLater(IReactorTime clock, TimeSpan delay, Func<Deferred> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return DeferLater(clock, delay, () => (object?)f());
    }

    /// <summary>Typed <see cref="DeferLater(IReactorTime, TimeSpan, Func{Deferred})"/>: after the delay, waits for <paramref name="f"/>'s Deferred.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="clock">The clock to wait on.</param>
    /// <param name="delay">How long to wait; must not be negative.</param>
    /// <param name="f">What to call after the delay.</param>
    /// <returns>The Deferred for the result of <paramref name="f"/>'s Deferred.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="clock"/> or <paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative.</exception>
    public static Deferred<T> DeferLater<T>(IReactorTime clock, TimeSpan delay, Func<Deferred<T>> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Sleep(clock, delay).AddCallback(_ => f());
    }

    /// <summary>
    /// The Deferred all the overloads start from (Twisted's <c>deferLater</c> without the callable): fires with null
    /// after <paramref name="delay"/>; cancelling it cancels the scheduled call. The callable's callback is added
    /// after scheduling, which is safe because the call cannot run before the clock is advanced or the reactor turns.
    /// </summary>
    private static Deferred<object?> Sleep(IReactorTime clock, TimeSpan delay)
    {
        ArgumentNullException.ThrowIfNull(clock);
        TimeArguments.ThrowIfNegativeOrNaN(delay.TotalSeconds, nameof(delay));
        IDelayedCall? delayedCall = null;
        var deferred = new Deferred<object?>(_ => delayedCall!.Cancel());
        delayedCall = clock.CallLater(delay, () => deferred.Callback(null));
        return deferred;
    }
}
