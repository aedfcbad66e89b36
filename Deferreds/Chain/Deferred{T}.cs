using System.Diagnostics;

namespace Deferreds;

/// <summary>
/// A typed handle onto a Deferred chain, for code that knows its types (Twisted's <c>Deferred[T]</c>).
/// It is a <see cref="Deferred"/>, so it goes wherever one goes. A type-changing
/// <see cref="AddCallback{TOut}(Func{T, TOut})"/> returns a <see cref="Deferred{TOut}"/> handle onto the same
/// chain (Twisted returns <c>self</c>): adding through either handle adds to the one chain, and both report
/// the same <see cref="Deferred.Called"/>, <see cref="Deferred.Paused"/> and <see cref="Deferred.Result"/>.
/// </summary>
/// <remarks>
/// The type is a promise about the chain's current value. If an untyped callback on the same chain changes
/// the value's type, the next typed callback fails with an <see cref="InvalidCastException"/> on the errback
/// path (never a silently wrong value).
/// </remarks>
/// <typeparam name="T">The type of the chain's current success result.</typeparam>
[DebuggerDisplay("{ToString(),nq}")]
public partial class Deferred<T> : Deferred
{
    /// <summary>Creates an unfired typed Deferred.</summary>
    /// <param name="canceller">Called with this Deferred by <see cref="Deferred.Cancel"/> while it is unfired (see <see cref="Deferred(Action{Deferred}?)"/>).</param>
    public Deferred(Action<Deferred<T>>? canceller = null)
        : base(Untyped(canceller))
    {
    }

    /// <summary>Creates an unfired typed Deferred whose canceller is shared by many instances, not wrapped per instance.</summary>
    private protected Deferred(Action<Deferred> canceller)
        : base(canceller)
    {
    }

    /// <summary>Creates a handle onto an existing chain.</summary>
    private protected Deferred(Deferred chain)
        : base(chain)
    {
    }

    /// <summary>Fires the Deferred with <paramref name="value"/> and runs the chain.</summary>
    /// <param name="value">The result.</param>
    /// <exception cref="AlreadyCalledError">The Deferred has already fired.</exception>
    public void Callback(T value) => base.Callback(value);

    /// <summary>Adds a callback that maps the value to a new one of another type; failures pass by it.</summary>
    /// <typeparam name="TOut">The new result type.</typeparam>
    /// <param name="callback">Receives the value; returns the next one.</param>
    /// <returns>A handle of the new type onto the same chain.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    public Deferred<TOut> AddCallback<TOut>(Func<T, TOut> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        AddInvoked(callback, TypedCallback<T, TOut>.Instance);
        return As<TOut>();
    }

    /// <summary>Adds a callback that returns a Deferred: the chain waits for it and continues with its result.</summary>
    /// <typeparam name="TOut">The new result type.</typeparam>
    /// <param name="callback">Receives the value; returns the Deferred to wait on.</param>
    /// <returns>A handle of the new type onto the same chain.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    public Deferred<TOut> AddCallback<TOut>(Func<T, Deferred<TOut>> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        AddInvoked(callback, TypedCallback<T, Deferred<TOut>>.Instance);
        return As<TOut>();
    }

    /// <summary>Adds an errback that recovers with a value of the chain's type; successes pass by it.</summary>
    /// <param name="errback">Receives the failure; returns the recovered value (or throws to stay failed).</param>
    /// <returns>This handle.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="errback"/> is null.</exception>
    public Deferred<T> AddErrback(Func<Failure, T> errback)
    {
        ArgumentNullException.ThrowIfNull(errback);
        AddInvoked(errback, TypedErrback<T>.Instance);
        return this;
    }

    /// <summary>Adds an errback that recovers by waiting on another Deferred of the chain's type.</summary>
    /// <param name="errback">Receives the failure; returns the Deferred to wait on.</param>
    /// <returns>This handle.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="errback"/> is null.</exception>
    public Deferred<T> AddErrback(Func<Failure, Deferred<T>> errback)
    {
        ArgumentNullException.ThrowIfNull(errback);
        AddInvoked(errback, TypedErrback<Deferred<T>>.Instance);
        return this;
    }

    /// <summary>Adds a typed callback/errback pair; exactly one side runs.</summary>
    /// <typeparam name="TOut">The new result type.</typeparam>
    /// <param name="callback">Receives the value.</param>
    /// <param name="errback">Receives the failure.</param>
    /// <returns>A handle of the new type onto the same chain.</returns>
    /// <exception cref="ArgumentNullException">A function is null.</exception>
    public Deferred<TOut> AddCallbacks<TOut>(Func<T, TOut> callback, Func<Failure, TOut> errback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        ArgumentNullException.ThrowIfNull(errback);
        AddInvoked(new TypedPair<T, TOut>.Functions(callback, errback), TypedPair<T, TOut>.Instance);
        return As<TOut>();
    }

    /// <summary>
    /// Observes the outcome without changing it (Twisted's <c>addBoth</c> used as "finally"): the observer
    /// gets the value and a null failure, or the default value and the failure; the result passes on.
    /// </summary>
    /// <param name="observer">Called with (value, null) on success or (default, failure) on failure.</param>
    /// <returns>This handle.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="observer"/> is null.</exception>
    public Deferred<T> AddBoth(Action<T?, Failure?> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        AddInvoked(observer, BothObserver<T>.Instance);
        return this;
    }

    /// <summary>Adds the same untyped function on both paths (Twisted's <c>addBoth</c>) and keeps the typed handle.</summary>
    /// <param name="callback">Receives the value or the <see cref="Failure"/>; returns the next result.</param>
    /// <returns>This handle.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    public new Deferred<T> AddBoth(Func<object?, object?> callback)
    {
        base.AddBoth(callback);
        return this;
    }

    private static Action<Deferred>? Untyped(Action<Deferred<T>>? canceller) => canceller is null ? null : Wrap(canceller);

    // Its own method: a lambda's closure is created at the entry of the method that captures, so in Untyped
    // it would be allocated for every Deferred<T>, canceller or not.
    private static Action<Deferred> Wrap(Action<Deferred<T>> canceller) => deferred => canceller((Deferred<T>)deferred);

    /// <summary>A handle of type <typeparamref name="TOut"/> onto this chain (this one, when the type is the same).</summary>
    private Deferred<TOut> As<TOut>() => this as Deferred<TOut> ?? Root as Deferred<TOut> ?? new Deferred<TOut>(Root);
}
