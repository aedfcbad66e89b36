namespace Deferreds.Context;

public static partial class LogContext
{
    /// <summary>
    /// Runs <paramref name="f"/> on a thread-pool thread and delivers its outcome back on the reactor thread
    /// (Synapse's <c>defer_to_thread</c>). On the worker, <paramref name="f"/> runs in a new child of the
    /// caller's context with the caller's name, so its log lines carry that name and its CPU time is charged to
    /// the caller. The returned Deferred follows the rules: the caller's context is cleared now and restored
    /// when the result arrives. Called from the sentinel, it warns that metrics will be lost.
    /// </summary>
    /// <typeparam name="T">The function's result type.</typeparam>
    /// <param name="reactor">The reactor whose thread receives the result, through <see cref="Reactor.CallFromThread(Action)"/>.</param>
    /// <param name="f">The blocking work; it should leave the context it was given current when it returns.</param>
    /// <returns>A Deferred fired on the reactor thread with <paramref name="f"/>'s result or exception.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reactor"/> or <paramref name="f"/> is null.</exception>
    public static Deferred<T> DeferToThread<T>(Reactor reactor, Func<T> f)
    {
        ArgumentNullException.ThrowIfNull(reactor);
        ArgumentNullException.ThrowIfNull(f);
        var parent = Current;
        if (parent.IsSentinel)
        {
            LogWarning("Calling defer_to_threadpool from sentinel context: metrics will be lost");
        }
        var result = new Deferred<T>();
        ThreadPool.UnsafeQueueUserWorkItem(
            _ =>
            {
                T value = default!;
                Exception? error = null;
                try
                {
                    // Built here so that it belongs to (and times) the worker thread.
                    using (new LoggingContext(parent.Name, parentContext: parent, serverName: parent.ServerName).Enter())
                    {
                        value = f();
                    }
                }
#pragma warning disable CA1031 // Any exception from the work is delivered as the Deferred's failure.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    error = exception;
                }
                reactor.CallFromThread(() =>
                {
                    if (error is null)
                    {
                        result.Callback(value);
                    }
                    else
                    {
                        result.Errback(error);
                    }
                });
            },
            null);
        return MakeDeferredYieldable(result);
    }
}
