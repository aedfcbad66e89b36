namespace Deferreds.Context;

public static partial class LogContext
{
    private static readonly Func<object?, object?> s_resetToSentinel = static result =>
    {
        SetCurrent(Sentinel);
        return result;
    };

    /// <summary>
    /// Makes a Deferred that does not follow the log-context rules safe to await (Synapse's
    /// <c>make_deferred_yieldable</c>). A completed Deferred (fired and not paused) is returned untouched.
    /// Otherwise the current context is cleared now and restored when the Deferred fires, before any callback
    /// added after this call (such as the awaiting method's continuation) runs.
    /// </summary>
    /// <param name="deferred">The Deferred; it is changed in place, not wrapped.</param>
    /// <returns><paramref name="deferred"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="deferred"/> is null.</exception>
    public static Deferred MakeDeferredYieldable(Deferred deferred)
    {
        ArgumentNullException.ThrowIfNull(deferred);
        if (deferred.Called && !deferred.Paused)
        {
            return deferred;
        }
        var calling = SetCurrent(Sentinel);
        deferred.AddBoth(calling.RestoreCallback);
        return deferred;
    }

    /// <summary>The typed form of <see cref="MakeDeferredYieldable(Deferred)"/>.</summary>
    /// <typeparam name="T">The Deferred's result type.</typeparam>
    /// <param name="deferred">The Deferred; it is changed in place, not wrapped.</param>
    /// <returns><paramref name="deferred"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="deferred"/> is null.</exception>
    public static Deferred<T> MakeDeferredYieldable<T>(Deferred<T> deferred)
    {
        MakeDeferredYieldable((Deferred)deferred);
        return deferred;
    }

    /// <summary>
    /// Starts <paramref name="f"/> in the current context and returns its Deferred without waiting for it
    /// (Synapse's <c>run_in_background</c>). The caller keeps its context. If the Deferred is incomplete, the
    /// context is reset to the sentinel when it completes, so the background work never hands a context back
    /// to the reactor; a completed Deferred is returned untouched. A synchronous exception becomes a failed
    /// Deferred. The returned Deferred does not follow the rules: await it only through
    /// <see cref="MakeDeferredYieldable(Deferred)"/>.
    /// </summary>
    /// <param name="f">Starts the work; runs now, in the caller's context.</param>
    /// <returns>The work's Deferred.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="LoggingContextError"><see cref="Strict"/> is on and <paramref name="f"/> completed without keeping the caller's context.</exception>
    public static Deferred RunInBackground(Func<Deferred> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var calling = Current;
        Deferred deferred;
        try
        {
            deferred = f() ?? Defer.Succeed(null);
        }
#pragma warning disable CA1031 // Like Synapse, any synchronous exception becomes the failed result of the background work.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return Defer.Fail(exception);
        }
        return Background(deferred, calling, f);
    }

    /// <summary>The typed form of <see cref="RunInBackground(Func{Deferred})"/>.</summary>
    /// <typeparam name="T">The work's result type.</typeparam>
    /// <param name="f">Starts the work; runs now, in the caller's context.</param>
    /// <returns>The work's Deferred.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="LoggingContextError"><see cref="Strict"/> is on and <paramref name="f"/> completed without keeping the caller's context.</exception>
    public static Deferred<T> RunInBackground<T>(Func<Deferred<T>> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var calling = Current;
        Deferred<T> deferred;
        try
        {
            deferred = f() ?? throw new InvalidOperationException("The function passed to RunInBackground returned null instead of a Deferred.");
        }
#pragma warning disable CA1031 // Like Synapse, any synchronous exception becomes the failed result of the background work.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return Defer.Fail<T>(exception);
        }
        Background(deferred, calling, f);
        return deferred;
    }

    /// <summary>
    /// <see cref="RunInBackground(Func{Deferred})"/> for a function returning anything else: a
    /// <see cref="Task"/>, <see cref="Task{TResult}"/>, <see cref="ValueTask"/> or <see cref="ValueTask{TResult}"/>
    /// (such as an <c>async</c> lambda's) becomes a Deferred fired with its outcome, as Synapse converts other
    /// awaitables; a Deferred is used as it is; any other value becomes an already-succeeded Deferred.
    /// </summary>
    /// <typeparam name="T">What <paramref name="f"/> returns.</typeparam>
    /// <param name="f">Starts the work; runs now, in the caller's context.</param>
    /// <returns>The work's Deferred (untyped: a task's result type is only known at run time).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="LoggingContextError"><see cref="Strict"/> is on and <paramref name="f"/> completed without keeping the caller's context.</exception>
    /// <remarks>
    /// A task that completes on another thread fires the Deferred on that thread; Deferreds belong to one
    /// thread, so only pass tasks that complete on the reactor thread (e.g. <c>async</c> code that awaits
    /// Deferreds, or runs under the reactor's synchronization context).
    /// </remarks>
    public static Deferred RunInBackground<T>(Func<T> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var calling = Current;
        Deferred deferred;
        try
        {
            deferred = AwaitableConverter.ToDeferred(f());
        }
#pragma warning disable CA1031 // Like Synapse, any synchronous exception becomes the failed result of the background work.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return Defer.Fail(exception);
        }
        return Background(deferred, calling, f);
    }

    private static Deferred Background(Deferred deferred, LoggingContext calling, Delegate f)
    {
        if (deferred.Called && !deferred.Paused)
        {
            var found = Current;
            if (!ReferenceEquals(found, calling))
            {
                ReportError(
                    $"RunInBackground({f.Method.Name}): deferred already completed but the function did not maintain the calling logcontext {calling} (found {found})");
            }
            return deferred;
        }
        SetCurrent(calling);
        deferred.AddBoth(s_resetToSentinel);
        return deferred;
    }
}
