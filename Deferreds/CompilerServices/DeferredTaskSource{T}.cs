namespace Deferreds.CompilerServices;

/// <summary>
/// The Task side of <see cref="Deferred.AsTask"/>: one object that is the completion source, the chain entry
/// (through <see cref="Invoker"/>) and the token registration's state.
/// </summary>
internal sealed class DeferredTaskSource<T> : TaskCompletionSource<T>
{
    private static readonly Action<object?> s_cancel = static state => ((DeferredTaskSource<T>)state!).OnTokenCancelled();

    private readonly Deferred _deferred;
    private readonly CancellationToken _cancellationToken;
    private CancellationTokenRegistration _registration;

    private DeferredTaskSource(Deferred deferred, CancellationToken cancellationToken)
        : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        _deferred = deferred;
        _cancellationToken = cancellationToken;
    }

    public static Task<T> Attach(Deferred deferred, CancellationToken cancellationToken)
    {
        var source = new DeferredTaskSource<T>(deferred, cancellationToken);
        deferred.AddInvoked(source, Invoker.Instance);
        if (cancellationToken.CanBeCanceled && !source.Task.IsCompleted)
        {
            source._registration = cancellationToken.Register(s_cancel, source, useSynchronizationContext: true);
        }
        return source.Task;
    }

    private void OnTokenCancelled()
    {
        // As Twisted's asFuture: the Task is cancelled first, so whatever the Deferred then produces is ignored.
        if (TrySetCanceled(_cancellationToken))
        {
            _deferred.Cancel();
        }
    }

    private void OnFired(object? result)
    {
        _registration.Dispose();
        if (result is not Failure failure)
        {
            T value;
            try
            {
                value = TypedResult.As<T>(result);
            }
            catch (InvalidCastException exception)
            {
                TrySetException(exception);
                return;
            }
            TrySetResult(value);
        }
        else if (failure.Value is OperationCanceledException cancelled)
        {
            TrySetCanceled(cancelled.CancellationToken);
        }
        else
        {
            TrySetException(failure.Value);
        }
    }

    /// <summary>Completes the Task from the chain and consumes the result, as Twisted's asFuture does.</summary>
    private sealed class Invoker : CallbackInvoker
    {
        public static readonly Invoker Instance = new();

        public override object? Invoke(object function, object? argument)
        {
            ((DeferredTaskSource<T>)function).OnFired(argument);
            return null;
        }
    }
}
