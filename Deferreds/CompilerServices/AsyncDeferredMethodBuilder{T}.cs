using System.Runtime.CompilerServices;

namespace Deferreds.CompilerServices;

/// <summary>
/// Builds the <see cref="Deferred{T}"/> of an <c>async Deferred&lt;T&gt;</c> method (Twisted's
/// <c>ensureDeferred</c> / <c>fromCoroutine</c> around an <c>async def</c>); used by the compiler.
/// </summary>
/// <remarks>
/// The method runs synchronously up to its first await that cannot complete at once; if it finishes first,
/// the returned Deferred has already fired. An exception — also one thrown before the first await — fails the
/// Deferred and is never thrown at the caller. Cancelling the Deferred cancels the Deferred the method is
/// awaiting at that moment; the <see cref="CancelledError"/> surfaces at that await. Awaits of Deferreds
/// resume inside the awaited Deferred's callback chain; the state machine is boxed in the returned Deferred
/// itself, and awaiting a Deferred allocates nothing. The caller's ExecutionContext is restored when the
/// method first returns, and each resumption runs in the ExecutionContext captured at its await.
/// </remarks>
/// <typeparam name="T">The method's result type.</typeparam>
public struct AsyncDeferredMethodBuilder<T>
{
    // Null until the method first suspends (then: its box) or completes synchronously (then: a plain fired Deferred).
    private Deferred<T>? _deferred;

    /// <summary>Creates a builder.</summary>
    /// <returns>The builder.</returns>
#pragma warning disable CA1000 // the async method builder pattern requires a static Create on the generic builder
    public static AsyncDeferredMethodBuilder<T> Create() => default;
#pragma warning restore CA1000

    /// <summary>The method's Deferred.</summary>
    /// <exception cref="InvalidOperationException">The method has not been started.</exception>
    public readonly Deferred<T> Task => _deferred ?? throw new InvalidOperationException("The async Deferred method has not been started yet.");

    /// <summary>Runs the method to its first suspension, restoring the caller's ExecutionContext and SynchronizationContext on return.</summary>
    /// <typeparam name="TStateMachine">The state machine type.</typeparam>
    /// <param name="stateMachine">The state machine.</param>
    public readonly void Start<TStateMachine>(ref TStateMachine stateMachine)
        where TStateMachine : IAsyncStateMachine
    {
        // The BCL's Start is the EC/SynchronizationContext save-and-restore around MoveNext; it allocates nothing.
        var starter = default(AsyncTaskMethodBuilder);
        starter.Start(ref stateMachine);
    }

    /// <summary>Not used: the builder boxes the state machine itself at the first suspension.</summary>
    /// <param name="stateMachine">Ignored.</param>
#pragma warning disable CA1822 // the async method builder pattern requires an instance SetStateMachine
    public readonly void SetStateMachine(IAsyncStateMachine stateMachine)
    {
    }
#pragma warning restore CA1822

    /// <summary>Fires the method's Deferred with its result.</summary>
    /// <param name="result">The result.</param>
    public void SetResult(T result)
    {
        if (_deferred is AsyncDeferredBox<T> box)
        {
            box.SetResult(result);
        }
        else
        {
            _deferred = AsyncDeferredBox<T>.CreateFired(AsyncDeferredBox<T>.CheckResult(result));
        }
    }

    /// <summary>Fails the method's Deferred with the exception the method threw.</summary>
    /// <param name="exception">The exception.</param>
    public void SetException(Exception exception)
    {
        if (_deferred is AsyncDeferredBox<T> box)
        {
            box.SetException(exception);
        }
        else
        {
            _deferred = AsyncDeferredBox<T>.CreateFired(new Failure(exception));
        }
    }

    /// <summary>Resumes the method when <paramref name="awaiter"/> completes.</summary>
    /// <typeparam name="TAwaiter">The awaiter type.</typeparam>
    /// <typeparam name="TStateMachine">The state machine type.</typeparam>
    /// <param name="awaiter">The awaiter.</param>
    /// <param name="stateMachine">The state machine.</param>
    public void AwaitOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : INotifyCompletion
        where TStateMachine : IAsyncStateMachine =>
        GetBox(ref stateMachine).AwaitOnCompleted(ref awaiter);

    /// <summary>Resumes the method when <paramref name="awaiter"/> completes; the builder flows the ExecutionContext.</summary>
    /// <typeparam name="TAwaiter">The awaiter type.</typeparam>
    /// <typeparam name="TStateMachine">The state machine type.</typeparam>
    /// <param name="awaiter">The awaiter.</param>
    /// <param name="stateMachine">The state machine.</param>
    public void AwaitUnsafeOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : ICriticalNotifyCompletion
        where TStateMachine : IAsyncStateMachine =>
        GetBox(ref stateMachine).AwaitUnsafeOnCompleted(ref awaiter);

    /// <summary>The box, created at the first suspension by moving the state machine off the caller's stack into it.</summary>
    private AsyncDeferredBox<T> GetBox<TStateMachine>(ref TStateMachine stateMachine)
        where TStateMachine : IAsyncStateMachine
    {
        if (_deferred is AsyncDeferredBox<T> existing)
        {
            return existing;
        }
        var box = new AsyncDeferredBox<T, TStateMachine>();
        _deferred = box; // before the copy, so the boxed state machine's builder refers to its box
        box.StateMachine = stateMachine;
        return box;
    }
}
