using System.Diagnostics;

namespace Deferreds;

/// <summary>
/// Twisted's <c>DeferredSemaphore</c>: lets at most <see cref="Limit"/> holders in at once, for code that runs on
/// one thread and waits with Deferreds. Waiters are served first come, first served.
/// </summary>
[DebuggerDisplay("Tokens = {Tokens}/{Limit}, Waiting = {Waiting}")]
public sealed class DeferredSemaphore
{
    private readonly List<Deferred<DeferredSemaphore>> _waiting = [];
    private readonly Action<Deferred<DeferredSemaphore>> _cancelAcquire;

    /// <summary>Creates a semaphore with <paramref name="tokens"/> free tokens.</summary>
    /// <param name="tokens">How many holders may be in at once; at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tokens"/> is less than 1.</exception>
    public DeferredSemaphore(int tokens)
    {
        if (tokens < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(tokens), tokens, "DeferredSemaphore requires tokens >= 1.");
        }
        Tokens = Limit = tokens;
        _cancelAcquire = waiter => Locking.RemoveWaiter(_waiting, waiter);
    }

    /// <summary>How many tokens are free now.</summary>
    public int Tokens { get; private set; }

    /// <summary>How many tokens there are in all.</summary>
    public int Limit { get; }

    /// <summary>How many <see cref="Acquire"/> calls are waiting for a token.</summary>
    public int Waiting => _waiting.Count;

    /// <summary>
    /// Takes a token: the Deferred fires with this semaphore when you have it — at once if one is free. Cancelling
    /// a waiting acquire withdraws it (it fails with <see cref="CancelledError"/>); cancelling a granted one does nothing.
    /// </summary>
    /// <returns>A Deferred that fires with this semaphore once a token is yours.</returns>
    public Deferred<DeferredSemaphore> Acquire()
    {
        var acquire = new Deferred<DeferredSemaphore>(_cancelAcquire);
        if (Tokens == 0)
        {
            _waiting.Add(acquire);
        }
        else
        {
            Tokens--;
            acquire.Callback(this);
        }
        return acquire;
    }

    /// <summary>Gives a token back; the oldest waiter gets it now, before this call returns.</summary>
    /// <exception cref="InvalidOperationException">Every token is already free (more releases than acquires).</exception>
    public void Release()
    {
        if (Tokens >= Limit)
        {
            throw new InvalidOperationException(
                "Someone released me too many times: too many tokens! Call Release exactly once for each Acquire whose Deferred has fired.");
        }
        if (_waiting.Count > 0)
        {
            Locking.GrantOldest(_waiting, this);
        }
        else
        {
            Tokens++;
        }
    }

    /// <summary>
    /// Acquires a token, calls <paramref name="f"/>, and releases the token when its Deferred fires (Twisted's
    /// <c>run</c>); the returned Deferred then fires with <paramref name="f"/>'s result or failure.
    /// </summary>
    /// <param name="f">The work to do while holding a token.</param>
    /// <returns>A Deferred for the work's outcome, fired after the token was released.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    public Deferred Run(Func<Deferred> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Locking.Run(Acquire(), () => Defer.MaybeDeferred(f), Release);
    }

    /// <summary>
    /// Like <see cref="Run(Func{Deferred})"/> for work that may return a plain value, a <see cref="Failure"/> or a
    /// Deferred (Twisted's <c>maybeDeferred</c> rules).
    /// </summary>
    /// <param name="f">The work to do while holding a token.</param>
    /// <returns>A Deferred for the work's outcome, fired after the token was released.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    public Deferred Run(Func<object?> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Locking.Run(Acquire(), () => Defer.MaybeDeferred(f), Release);
    }

    /// <summary>The typed <see cref="Run(Func{Deferred})"/>.</summary>
    /// <typeparam name="T">The work's result type.</typeparam>
    /// <param name="f">The work to do while holding a token.</param>
    /// <returns>A Deferred for the work's outcome, fired after the token was released.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    public Deferred<T> Run<T>(Func<Deferred<T>> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Locking.Run(Acquire(), f, Release);
    }
}
