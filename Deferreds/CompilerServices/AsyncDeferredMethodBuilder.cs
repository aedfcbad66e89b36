using System.Runtime.CompilerServices;

namespace Deferreds.CompilerServices;

/// <summary>
/// Builds the <see cref="Deferred"/> of an <c>async Deferred</c> method, which fires with null when the method
/// returns; used by the compiler. Same behaviour as <see cref="AsyncDeferredMethodBuilder{T}"/>.
/// </summary>
public struct AsyncDeferredMethodBuilder
{
    private AsyncDeferredMethodBuilder<object?> _builder;

    /// <summary>Creates a builder.</summary>
    /// <returns>The builder.</returns>
    public static AsyncDeferredMethodBuilder Create() => default;

    /// <summary>The method's Deferred.</summary>
    /// <exception cref="InvalidOperationException">The method has not been started.</exception>
    public readonly Deferred Task => _builder.Task;

    /// <summary>Runs the method to its first suspension, restoring the caller's ExecutionContext and SynchronizationContext on return.</summary>
    /// <typeparam name="TStateMachine">The state machine type.</typeparam>
    /// <param name="stateMachine">The state machine.</param>
    public readonly void Start<TStateMachine>(ref TStateMachine stateMachine)
        where TStateMachine : IAsyncStateMachine =>
        _builder.Start(ref stateMachine);

    /// <summary>Not used: the builder boxes the state machine itself at the first suspension.</summary>
    /// <param name="stateMachine">Ignored.</param>
#pragma warning disable CA1822 // the async method builder pattern requires an instance SetStateMachine
    public readonly void SetStateMachine(IAsyncStateMachine stateMachine)
    {
    }
#pragma warning restore CA1822

    /// <summary>Fires the method's Deferred with null.</summary>
    public void SetResult() => _builder.SetResult(null);

    /// <summary>Fails the method's Deferred with the exception the method threw.</summary>
    /// <param name="exception">The exception.</param>
    public void SetException(Exception exception) => _builder.SetException(exception);

    /// <summary>Resumes the method when <paramref name="awaiter"/> completes.</summary>
    /// <typeparam name="TAwaiter">The awaiter type.</typeparam>
    /// <typeparam name="TStateMachine">The state machine type.</typeparam>
    /// <param name="awaiter">The awaiter.</param>
    /// <param name="stateMachine">The state machine (already boxed).</param>
    public void AwaitOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : INotifyCompletion
        where TStateMachine : IAsyncStateMachine =>
        _builder.AwaitOnCompleted(ref awaiter, ref stateMachine);

    /// <summary>Resumes the method when <paramref name="awaiter"/> completes; the builder flows the ExecutionContext.</summary>
    /// <typeparam name="TAwaiter">The awaiter type.</typeparam>
    /// <typeparam name="TStateMachine">The state machine type.</typeparam>
    /// <param name="awaiter">The awaiter.</param>
    /// <param name="stateMachine">The state machine (already boxed).</param>
    public void AwaitUnsafeOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : ICriticalNotifyCompletion
        where TStateMachine : IAsyncStateMachine =>
        _builder.AwaitUnsafeOnCompleted(ref awaiter, ref stateMachine);
}
