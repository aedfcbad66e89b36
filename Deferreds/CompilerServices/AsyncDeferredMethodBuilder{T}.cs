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
    private AsyncDeferredBox<T>? _box;

    /// <summary>Creates a builder.</summary>
    /// <returns>The builder.</returns>
#pragma warning disable CA1000 // the async method builder pattern requires a static Create on the generic builder
    public static AsyncDeferredMethodBuilder<T> Create() => default;
#pragma warning restore CA1000

    /// <summary>The method's Deferred.</summary>
    /// <exception cref="InvalidOperationException">The method has not been started.</exception>
    public readonly Deferred<T> Task => _box ?? throw new InvalidOperationException("The async Deferred method has not been started yet.");

    /// <summary>Boxes the state machine into the method's Deferred and runs it to its first suspension.</summary>
    /// <typeparam name="TStateMachine">The state machine type.</typeparam>
    /// <param name="stateMachine">The state machine.</param>
    public void Start<TStateMachine>(ref TStateMachine stateMachine)
        where TStateMachine : IAsyncStateMachine
    {
        var box = new AsyncDeferredBox<T, TStateMachine>();
        _box = box; // before the copy, so the boxed state machine's builder refers to its box
        box.StateMachine = stateMachine;
        box.Start();
    }

    /// <summary>Not used: <see cref="Start{TStateMachine}"/> boxes the state machine itself.</summary>
    /// <param name="stateMachine">Ignored.</param>
    public readonly void SetStateMachine(IAsyncStateMachine stateMachine)
    {
    }

    /// <summary>Fires the method's Deferred with its result.</summary>
    /// <param name="result">The result.</param>
    public readonly void SetResult(T result) => _box!.SetResult(result);

    /// <summary>Fails the method's Deferred with the exception the method threw.</summary>
    /// <param name="exception">The exception.</param>
    public readonly void SetException(Exception exception) => _box!.SetException(exception);

    /// <summary>Resumes the method when <paramref name="awaiter"/> completes.</summary>
    /// <typeparam name="TAwaiter">The awaiter type.</typeparam>
    /// <typeparam name="TStateMachine">The state machine type.</typeparam>
    /// <param name="awaiter">The awaiter.</param>
    /// <param name="stateMachine">The state machine (already boxed).</param>
    public readonly void AwaitOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : INotifyCompletion
        where TStateMachine : IAsyncStateMachine =>
        _box!.AwaitOnCompleted(ref awaiter);

    /// <summary>Resumes the method when <paramref name="awaiter"/> completes; the builder flows the ExecutionContext.</summary>
    /// <typeparam name="TAwaiter">The awaiter type.</typeparam>
    /// <typeparam name="TStateMachine">The state machine type.</typeparam>
    /// <param name="awaiter">The awaiter.</param>
    /// <param name="stateMachine">The state machine (already boxed).</param>
    public readonly void AwaitUnsafeOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : ICriticalNotifyCompletion
        where TStateMachine : IAsyncStateMachine =>
        _box!.AwaitUnsafeOnCompleted(ref awaiter);
}
