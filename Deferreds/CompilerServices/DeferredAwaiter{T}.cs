using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Deferreds.CompilerServices;

/// <summary>Awaits a <see cref="Deferred{T}"/>; returned by <see cref="Deferred{T}.GetAwaiter"/> for the compiler's use.</summary>
/// <typeparam name="T">The result type.</typeparam>
/// <remarks>Its only field is the Deferred: the async Deferred builders rely on that layout (see <see cref="IDeferredAwaiter"/>).</remarks>
public readonly struct DeferredAwaiter<T> : ICriticalNotifyCompletion, IDeferredAwaiter
{
    private readonly Deferred _deferred;

    internal DeferredAwaiter(Deferred<T> deferred) => _deferred = deferred;

    /// <summary>True when the Deferred has a result now (fired, not paused, not waiting on another Deferred).</summary>
    public bool IsCompleted => _deferred.HasResult;

    /// <summary>The awaited result, or the failure's original exception rethrown with its stack.</summary>
    /// <returns>The success result.</returns>
    /// <exception cref="InvalidOperationException">The Deferred has no result yet (the await did not complete).</exception>
    /// <exception cref="InvalidCastException">An untyped callback on the chain changed the result to another type.</exception>
    [StackTraceHidden]
    public T GetResult() => TypedResult.As<T>(AwaitSupport.GetResult(_deferred));

    /// <summary>Resumes <paramref name="continuation"/> inside the Deferred's callback chain when it fires, in the current <see cref="ExecutionContext"/>.</summary>
    /// <param name="continuation">The continuation.</param>
    /// <exception cref="ArgumentNullException"><paramref name="continuation"/> is null.</exception>
    public void OnCompleted(Action continuation) => AwaitSupport.OnCompleted(_deferred, continuation);

    /// <summary>Resumes <paramref name="continuation"/> inside the Deferred's callback chain when it fires, without flowing the <see cref="ExecutionContext"/>.</summary>
    /// <param name="continuation">The continuation.</param>
    /// <exception cref="ArgumentNullException"><paramref name="continuation"/> is null.</exception>
    public void UnsafeOnCompleted(Action continuation) => AwaitSupport.UnsafeOnCompleted(_deferred, continuation);
}
