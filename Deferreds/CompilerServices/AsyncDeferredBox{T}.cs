using System.Runtime.CompilerServices;

namespace Deferreds.CompilerServices;

/// <summary>
/// The Deferred an <c>async Deferred</c> / <c>async Deferred&lt;T&gt;</c> method returns once it has suspended,
/// which is also the box holding its state machine: one allocation per call, none per await (the box itself is
/// registered on the awaited Deferred, called through <see cref="BoxResumer"/>). A method that completes
/// without suspending returns a plain fired <see cref="Deferred{T}"/> instead.
/// </summary>
/// <remarks>
/// <para>
/// Cancellation follows Twisted's <c>fromCoroutine</c>. The box's canceller (shared, so no allocation per
/// call) fires the unfired box through an entry put ahead of the user's callbacks (<see cref="Deferred.FireAhead"/>),
/// as Twisted prepends its handleCancel. That entry makes a fresh Deferred the target of the method's outcome,
/// cancels the Deferred the method is awaiting, and returns the fresh Deferred, so the box waits on it. The
/// CancelledError (or whatever the awaited Deferred's canceller and errbacks produce) surfaces at the await; the
/// method's eventual outcome reaches the box through the fresh Deferred. When the method is not suspended on a
/// Deferred, there is nothing to cancel: the box fails with a CancelledError and the method's later outcome is
/// ignored (as for any Deferred cancelled without a canceller).
/// </para>
/// <para>
/// ExecutionContext: the caller's context is restored when the synchronous part returns (as the BCL builders
/// do), and each resumption runs in the context captured at its await, so <see cref="AsyncLocal{T}"/> values
/// flow across awaits as in an <c>async Task</c> method (and as Twisted copies contextvars per coroutine).
/// </para>
/// </remarks>
internal abstract class AsyncDeferredBox<T> : Deferred<T>, IAsyncDeferredBox
{
    private static readonly ContextCallback s_moveNext = static box => ((AsyncDeferredBox<T>)box!).MoveNext();
    private static readonly Action<Deferred> s_cancel = static box => ((AsyncDeferredBox<T>)box).CancelFrom(box);

    private Deferred? _awaiting;
    private Deferred? _target;
    private ExecutionContext? _context;
    private Action? _moveNextAction;
    private bool _resumedByChain;
    private bool _targetCancelled;

    protected AsyncDeferredBox()
        : base(s_cancel)
    {
    }

    protected bool Completed { get; private set; }

    public void Resume()
    {
        _awaiting = null;
        _resumedByChain = true;
        try
        {
            Run();
        }
        finally
        {
            _resumedByChain = false;
        }
    }

    public object? OnCancelled()
    {
        if (Completed || _awaiting is not { } awaited)
        {
            return new Failure(new CancelledError());
        }
        // Cancelling the fresh target again cancels what the method awaits then, as for the box itself.
        var next = new Deferred(CancelFrom);
        _target = next;
        _targetCancelled = false;
        awaited.Cancel();
        return next;
    }

    public void AwaitOnCompleted<TAwaiter>(ref TAwaiter awaiter)
        where TAwaiter : INotifyCompletion
    {
        if (!Suspend(ref awaiter))
        {
            awaiter.OnCompleted(_moveNextAction ??= Run);
        }
    }

    public void AwaitUnsafeOnCompleted<TAwaiter>(ref TAwaiter awaiter)
        where TAwaiter : ICriticalNotifyCompletion
    {
        if (!Suspend(ref awaiter))
        {
            awaiter.UnsafeOnCompleted(_moveNextAction ??= Run);
        }
    }

    /// <summary>A Deferred cannot be a result (Callback refuses it): the method's Deferred fails instead of the caller.</summary>
    public static object? CheckResult(object? result) => result is Deferred
        ? new Failure(new InvalidOperationException(
            "An async Deferred method returned a Deferred as its result. Await that Deferred and return its result instead."))
        : result;

    /// <summary>The Deferred of a method that completed without suspending.</summary>
    public static Deferred<T> CreateFired(object? outcome)
    {
        var deferred = new Deferred<T>();
        ((Deferred)deferred).Callback(outcome);
        return deferred;
    }

    public void SetResult(object? result) => Complete(CheckResult(result));

    public void SetException(Exception exception) => Complete(new Failure(exception));

    public override string ToString()
    {
        // Shown as what users see in their signatures, not as the compiler plumbing type.
        var text = base.ToString();
        return "<Deferred" + text[text.IndexOf(' ', StringComparison.Ordinal)..];
    }

    protected abstract void MoveNext();

    /// <summary>The canceller of the box and of each fresh target: fire it through the cancellation entry.</summary>
    private void CancelFrom(Deferred cancelled)
    {
        _target = cancelled; // always the current target: earlier ones wait on it
        _targetCancelled = true;
        cancelled.FireAhead(this, CancellationInterceptor.Instance);
    }

    /// <summary>Registers the resumption; true when the awaiter is a Deferred's (registered without a delegate).</summary>
    private bool Suspend<TAwaiter>(ref TAwaiter awaiter)
    {
        _context = ExecutionContext.Capture();
        var awaited = AwaitSupport.AwaitedDeferred(ref awaiter);
        _awaiting = awaited;
        if (awaited is null)
        {
            return false;
        }
        awaited.AddInvoked(this, BoxResumer.Instance);
        return true;
    }

    private void Run()
    {
        var context = _context;
        if (context is null)
        {
            MoveNext();
            return;
        }
        var current = ExecutionContext.Capture();
        if (!ReferenceEquals(context, current))
        {
            ExecutionContext.Run(context, s_moveNext, this);
            return;
        }
        // Usually the resuming code already runs in the context captured at the await (nothing set an AsyncLocal
        // meanwhile): skip ExecutionContext.Run, but still undo what the method changes, as Run would.
        var synchronizationContext = SynchronizationContext.Current;
        try
        {
            MoveNext();
        }
        finally
        {
            if (!ReferenceEquals(ExecutionContext.Capture(), current))
            {
                ExecutionContext.Restore(current);
            }
            if (!ReferenceEquals(SynchronizationContext.Current, synchronizationContext))
            {
                SynchronizationContext.SetSynchronizationContext(synchronizationContext);
            }
        }
    }

    private void Complete(object? outcome)
    {
        Completed = true;
        _awaiting = null;
        var target = _target ?? this;
        if (_targetCancelled)
        {
            // Cancelled, and the cancellation entry has not handed the outcome on to a fresh Deferred (the method
            // was not awaiting one, or the chain is paused): the target already holds its result.
            return;
        }
        if (_resumedByChain)
        {
            // Resumed by the awaited Deferred's chain and finishing is the last thing this callback does: let
            // the run loop continue with our chain instead of nesting it (deep await chains stay flat).
            target.FireWithoutNesting(outcome);
        }
        else
        {
            ((Deferred)target).Callback(outcome);
        }
    }
}
