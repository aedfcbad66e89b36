namespace Deferreds;

/// <summary>
/// Calls the side of a chain entry that the current result selects, when its functions are not the plain
/// untyped delegates: typed delegates, an awaiter continuation, a state machine. The function passed is the
/// entry's success or failure side, as the result is or is not a <see cref="Failure"/>. One shared instance per
/// kind (per generic instantiation), so adding a typed callback allocates nothing beyond the user's delegate.
/// </summary>
internal abstract class CallbackInvoker
{
    /// <summary>Marks a continuation entry: the function is the Deferred waiting on this one.</summary>
    public static readonly CallbackInvoker Continuation = new Marker();

    /// <summary>Marks a ChainDeferred entry: the function is the Deferred to fire.</summary>
    public static readonly CallbackInvoker ChainTo = new Marker();

    /// <summary>An untyped <see cref="Func{T, TResult}"/> of object on both sides (AddBoth).</summary>
    public static readonly CallbackInvoker UntypedBoth = new UntypedBothInvoker();

    public abstract object? Invoke(object function, object? argument);

    private sealed class Marker : CallbackInvoker
    {
        public override object? Invoke(object function, object? argument) =>
            throw new InvalidOperationException("Chain markers are handled by the run loop, never invoked.");
    }

    private sealed class UntypedBothInvoker : CallbackInvoker
    {
        public override object? Invoke(object function, object? argument) => ((Func<object?, object?>)function)(argument);
    }
}
