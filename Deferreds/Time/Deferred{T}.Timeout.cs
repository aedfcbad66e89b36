namespace Deferreds;

public partial class Deferred<T>
{
    /// <summary>Typed <see cref="Deferred.AddTimeout(TimeSpan, IReactorTime, Func{object?, TimeSpan, object?}?)"/>: keeps the typed handle.</summary>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="clock">The clock to time it on.</param>
    /// <param name="onTimeoutCancel">Called with the result and the timeout only when the timeout fired; should return a <typeparamref name="T"/> or a <see cref="Failure"/>.</param>
    /// <returns>This Deferred.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="clock"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative.</exception>
    public new Deferred<T> AddTimeout(TimeSpan timeout, IReactorTime clock, Func<object?, TimeSpan, object?>? onTimeoutCancel = null)
    {
        base.AddTimeout(timeout, clock, onTimeoutCancel);
        return this;
    }
}
