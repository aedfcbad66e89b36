using System.Runtime.CompilerServices;
using Deferreds.CompilerServices;

namespace Deferreds;

[AsyncMethodBuilder(typeof(AsyncDeferredMethodBuilder))]
public partial class Deferred
{
    /// <summary>
    /// Lets any async method <c>await</c> this Deferred (Twisted's <c>__await__</c>). The await yields the
    /// success result, or throws the failure's original exception with its stack. An already-fired Deferred
    /// completes the await at once and keeps its result; an unfired one resumes the method synchronously
    /// inside its callback chain when it fires (no thread hop, no <see cref="SynchronizationContext"/>), and
    /// the chain continues with null (the await consumed the result, as in Twisted).
    /// </summary>
    /// <returns>The awaiter.</returns>
    public DeferredAwaiter GetAwaiter() => new(this);

    /// <summary>
    /// Adapts this Deferred to a <see cref="Task{TResult}"/> (Twisted's <c>asFuture</c>). Like Twisted, this
    /// consumes the result: the chain continues with null, and a failure passed to the Task is handled.
    /// A failure with an <see cref="OperationCanceledException"/> (such as <see cref="CancelledError"/>)
    /// makes the Task Canceled; any other failure makes it Faulted with the original exception. The Task runs
    /// its continuations asynchronously, so code awaiting it never runs inside this Deferred's callback chain.
    /// </summary>
    /// <param name="cancellationToken">
    /// Cancelling it makes the Task Canceled at once and cancels this Deferred, whose outcome is then ignored.
    /// The Deferred is cancelled on the <see cref="SynchronizationContext"/> that was current when
    /// <c>AsTask</c> was called (such as the reactor's); with none, on the thread that cancels the token —
    /// a Deferred belongs to one thread, so cancel the token on that thread.
    /// </param>
    /// <returns>A Task that completes when this Deferred fires.</returns>
    public Task<object?> AsTask(CancellationToken cancellationToken = default) =>
        DeferredTaskSource<object?>.Attach(this, cancellationToken);
}
