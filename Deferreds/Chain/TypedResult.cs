namespace Deferreds;

/// <summary>Reads a chain's untyped result as the type a typed handle promises.</summary>
internal static class TypedResult
{
    public static T As<T>(object? value)
    {
        if (value is T typed)
        {
            return typed;
        }
        if (value is null && default(T) is null)
        {
            return default!;
        }
        throw new InvalidCastException(
            $"A callback for Deferred<{typeof(T).Name}> received {(value is null ? "null" : "a " + value.GetType().FullName)}, " +
            $"not a {typeof(T).FullName}: an earlier callback on the same chain changed the result's type. " +
            "Use the handle returned by the type-changing AddCallback, or an untyped callback.");
    }
}

/// <summary>Calls a <see cref="Func{T, TResult}"/> with the chain's value read as <typeparamref name="T"/>; a Failure passes by.</summary>
internal sealed class TypedCallback<T, TOut> : CallbackInvoker
{
    public static readonly TypedCallback<T, TOut> Instance = new();

    public override object? Invoke(object function, object? argument) => argument is Failure
        ? argument
        : ((Func<T, TOut>)function)(TypedResult.As<T>(argument));
}

/// <summary>Calls a typed errback with the chain's Failure; a value passes by.</summary>
internal sealed class TypedErrback<TOut> : CallbackInvoker
{
    public static readonly TypedErrback<TOut> Instance = new();

    public override object? Invoke(object function, object? argument) => argument is Failure failure
        ? ((Func<Failure, TOut>)function)(failure)
        : argument;
}

/// <summary>Calls a typed callback/errback pair (a <see cref="TypedPair{T, TOut}.Functions"/>): the errback with the Failure, or the callback with the typed value.</summary>
internal sealed class TypedPair<T, TOut> : CallbackInvoker
{
    public static readonly TypedPair<T, TOut> Instance = new();

    public override object? Invoke(object function, object? argument)
    {
        var pair = (Functions)function;
        return argument is Failure failure ? pair.Errback(failure) : pair.Callback(TypedResult.As<T>(argument));
    }

    /// <summary>Both sides of the pair: an entry holds one function, so a typed pair costs this one small object.</summary>
    internal sealed class Functions(Func<T, TOut> callback, Func<Failure, TOut> errback)
    {
        public Func<T, TOut> Callback { get; } = callback;

        public Func<Failure, TOut> Errback { get; } = errback;
    }
}

/// <summary>Calls an outcome observer and passes the result on unchanged.</summary>
internal sealed class BothObserver<T> : CallbackInvoker
{
    public static readonly BothObserver<T> Instance = new();

    public override object? Invoke(object function, object? argument)
    {
        if (argument is Failure failure)
        {
            ((Action<T?, Failure?>)function)(default, failure);
        }
        else
        {
            ((Action<T?, Failure?>)function)(TypedResult.As<T>(argument), null);
        }
        return argument;
    }
}
