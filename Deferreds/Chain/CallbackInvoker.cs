namespace Deferreds;

/// <summary>
/// Runs a chain entry whose function is not a plain untyped delegate: typed delegates, an awaiter continuation,
/// a state machine, a combinator. It gets the entry's function and the current result on both paths, and decides
/// (a typed callback passes a <see cref="Failure"/> on unchanged, a typed errback a value). One shared instance
/// per kind (per generic instantiation), so adding a typed callback allocates nothing beyond the user's delegate.
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
