using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace Deferreds.CompilerServices;

/// <summary>What the Deferred awaiters and builders share: reading the awaited result and registering continuations.</summary>
internal static class AwaitSupport
{
    /// <summary>
    /// The awaited Deferred's current result. After a suspension this runs inside the resuming callback, where
    /// the current result is still the awaited one (the callback then returns null: the await consumed it).
    /// </summary>
    [StackTraceHidden]
    public static object? GetResult(Deferred deferred)
    {
        var result = deferred.CurrentResult;
        if (!deferred.Called || result is Deferred)
        {
            throw new InvalidOperationException(
                "GetResult was called on the awaiter of a Deferred that has no result yet. Await the Deferred, " +
                "or call GetResult only after IsCompleted is true or the continuation has been invoked.");
        }
        if (result is Failure failure)
        {
            deferred.MarkFailureHandled();
            ExceptionDispatchInfo.Throw(failure.Value);
        }
        return result;
    }

    /// <summary>
    /// The Deferred a builder's awaiter waits on, read without boxing; null when the awaiter is not a Deferred's.
    /// The type test folds to a constant per struct instantiation and never boxes, even in unoptimized code.
    /// </summary>
    public static Deferred? AwaitedDeferred<TAwaiter>(ref TAwaiter awaiter)
    {
        if (typeof(TAwaiter).IsValueType && typeof(IDeferredAwaiter).IsAssignableFrom(typeof(TAwaiter)))
        {
            return Unsafe.As<TAwaiter, DeferredAwaiter>(ref awaiter).Awaited;
        }
        return null;
    }

    public static void UnsafeOnCompleted(Deferred deferred, Action continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        deferred.AddInvoked(continuation, ActionResumer.Instance);
    }

    public static void OnCompleted(Deferred deferred, Action continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        var context = ExecutionContext.Capture();
        UnsafeOnCompleted(deferred, context is null ? continuation : new ContextualContinuation(context, continuation).Run);
    }

    private sealed class ContextualContinuation(ExecutionContext context, Action continuation)
    {
        private static readonly ContextCallback s_invoke = static state => ((Action)state!)();

        public void Run() => ExecutionContext.Run(context, s_invoke, continuation);
    }
}
