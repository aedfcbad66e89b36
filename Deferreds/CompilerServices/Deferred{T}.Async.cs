using System.Runtime.CompilerServices;
using Deferreds.CompilerServices;

namespace Deferreds;

[AsyncMethodBuilder(typeof(AsyncDeferredMethodBuilder<>))]
public partial class Deferred<T>
{
    /// <summary>
    /// Lets any async method <c>await</c> this Deferred; the await yields a <typeparamref name="T"/>.
    /// Same semantics as <see cref="Deferred.GetAwaiter"/>.
    /// </summary>
    /// <returns>The awaiter.</returns>
    public new DeferredAwaiter<T> GetAwaiter() => new(this);

    /// <summary>Adapts this Deferred to a <see cref="Task{TResult}"/>; same semantics as <see cref="Deferred.AsTask"/>.</summary>
    /// <param name="cancellationToken">Cancelling it makes the Task Canceled and cancels this Deferred (see <see cref="Deferred.AsTask"/>).</param>
    /// <returns>A Task that completes when this Deferred fires.</returns>
    public new Task<T> AsTask(CancellationToken cancellationToken = default) =>
        DeferredTaskSource<T>.Attach(this, cancellationToken);
}
