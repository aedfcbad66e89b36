namespace Deferreds;

/// <summary>
/// Calls one side of a chain entry whose function is not the plain untyped delegate: a typed delegate, an
/// awaiter continuation, a state machine. One shared instance per kind (per generic instantiation), so
/// adding a typed callback allocates nothing beyond the user's delegate. One invoker serves both sides of
/// an entry.
/// </summary>
internal abstract class CallbackInvoker
{
    /// <summary>Marks a continuation entry: the function is the Deferred waiting on this one.</summary>
    public static readonly CallbackInvoker Continuation = new Marker();

    /// <summary>Marks a ChainDeferred entry: the function is the Deferred to fire.</summary>
    public static readonly CallbackInvoker ChainTo = new Marker();

    /// <summary>The same untyped <c>Func&lt;object?, object?&gt;</c> on both sides (AddBoth): it receives a value or the Failure.</summary>
    public static readonly CallbackInvoker UntypedBoth = new UntypedBothInvoker();

    /// <summary>Calls the side that runs; <paramref name="argument"/> is a <see cref="Failure"/> exactly when it is the errback side.</summary>
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
