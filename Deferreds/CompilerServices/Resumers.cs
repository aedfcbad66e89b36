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
/// The entry a cancellation puts ahead of an <c>async Deferred</c> method's callbacks: it cancels what the method
/// awaits and returns the Deferred the box will wait on (see <see cref="IAsyncDeferredBox.OnCancelled"/>).
/// </summary>
internal sealed class CancellationInterceptor : CallbackInvoker
{
    public static readonly CancellationInterceptor Instance = new();

    public override object? Invoke(object function, object? argument) => ((IAsyncDeferredBox)function).OnCancelled();
}
