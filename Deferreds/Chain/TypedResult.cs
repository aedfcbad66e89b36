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

/// <summary>Calls a <see cref="Func{T, TResult}"/> with the chain's value read as <typeparamref name="T"/>.</summary>
internal sealed class TypedCallback<T, TOut> : CallbackInvoker
{
    public static readonly TypedCallback<T, TOut> Instance = new();

    public override object? Invoke(object function, object? argument) =>
        ((Func<T, TOut>)function)(TypedResult.As<T>(argument));
}

/// <summary>Calls a typed errback with the chain's Failure.</summary>
internal sealed class TypedErrback<TOut> : CallbackInvoker
{
    public static readonly TypedErrback<TOut> Instance = new();

    public override object? Invoke(object function, object? argument) => ((Func<Failure, TOut>)function)((Failure)argument!);
}

/// <summary>Calls a typed callback/errback pair: the errback with the Failure, or the callback with the typed value.</summary>
internal sealed class TypedPair<T, TOut> : CallbackInvoker
{
    public static readonly TypedPair<T, TOut> Instance = new();

    public override object? Invoke(object function, object? argument) => argument is Failure failure
        ? ((Func<Failure, TOut>)function)(failure)
        : ((Func<T, TOut>)function)(TypedResult.As<T>(argument));
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
