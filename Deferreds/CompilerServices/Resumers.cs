namespace Deferreds.CompilerServices;

/// <summary>Resumes an awaiter's <see cref="Action"/> continuation from the chain; the await consumes the result.</summary>
internal sealed class ActionResumer : CallbackInvoker
{
    public static readonly ActionResumer Instance = new();

    public override object? Invoke(object function, object? argument)
    {
        ((Action)function)();
        return null;
    }
}

/// <summary>Resumes an <c>async Deferred</c> method's state machine box from the chain; the await consumes the result.</summary>
internal sealed class BoxResumer : CallbackInvoker
{
    public static readonly BoxResumer Instance = new();

    public override object? Invoke(object function, object? argument)
    {
        ((IAsyncDeferredBox)function).Resume();
        return null;
    }
}

/// <summary>
/// The first entry of a suspended <c>async Deferred</c> method's Deferred: on the failure side it turns a
/// cancellation into cancelling the awaited Deferred (see <see cref="IAsyncDeferredBox.OnFailure"/>); on the
/// success side it passes the result on.
/// </summary>
internal sealed class CancellationInterceptor : CallbackInvoker
{
    public static readonly CancellationInterceptor Instance = new();

    public override object? Invoke(object function, object? argument) =>
        argument is Failure failure ? ((IAsyncDeferredBox)function).OnFailure(failure) : argument;
}
