using System.Diagnostics;

namespace Deferreds;

/// <summary>
/// Twisted's <c>DeferredLock</c>: a lock for code that runs on one thread and waits with Deferreds. Waiters are
/// served first come, first served; <see cref="Release"/> hands the lock to the next one synchronously.
/// </summary>
[DebuggerDisplay("Locked = {Locked}, Waiting = {Waiting}")]
public sealed class DeferredLock
{
    private readonly List<Deferred<DeferredLock>> _waiting = [];
    private readonly Action<Deferred<DeferredLock>> _cancelAcquire;

    /// <summary>Creates an unlocked lock.</summary>
    public DeferredLock() => _cancelAcquire = waiter => Locking.RemoveWaiter(_waiting, waiter);

    /// <summary>Whether someone holds the lock.</summary>
    public bool Locked { get; private set; }

    /// <summary>How many <see cref="Acquire"/> calls are waiting for the lock.</summary>
    public int Waiting => _waiting.Count;

    /// <summary>
    /// Takes the lock: the Deferred fires with this lock when it is yours — at once if it is free. Cancelling a
    /// waiting acquire withdraws it (it fails with <see cref="CancelledError"/>); cancelling a granted one does nothing.
    /// </summary>
    /// <returns>A Deferred that fires with this lock once acquired.</returns>
    public Deferred<DeferredLock> Acquire()
    {
        var acquire = new Deferred<DeferredLock>(_cancelAcquire);
        if (Locked)
        {
            _waiting.Add(acquire);
        }
        else
        {
            Locked = true;
            acquire.Callback(this);
        }
        return acquire;
    }

    /// <summary>Releases the lock; the oldest waiter gets it now, before this call returns.</summary>
    /// <exception cref="InvalidOperationException">The lock is not held.</exception>
    public void Release()
    {
        if (!Locked)
        {
            throw new InvalidOperationException(
                "Tried to release an unlocked lock. Call Release exactly once for each Acquire whose Deferred has fired.");
        }
        if (_waiting.Count > 0)
        {
            Locked = true;
            Locking.GrantOldest(_waiting, this);
        }
        else
        {
            Locked = false;
        }
    }

    /// <summary>
    /// Acquires the lock, calls <paramref name="f"/>, and releases the lock when its Deferred fires (Twisted's
    /// <c>run</c>); the returned Deferred then fires with <paramref name="f"/>'s result or failure. A thrown
    /// exception becomes the failure and the lock is still released.
    /// </summary>
    /// <param name="f">The work to do while holding the lock.</param>
    /// <returns>A Deferred for the work's outcome, fired after the lock was released.</returns>
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
    /// <param name="f">The work to do while holding the lock.</param>
    /// <returns>A Deferred for the work's outcome, fired after the lock was released.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    public Deferred Run(Func<object?> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Locking.Run(Acquire(), () => Defer.MaybeDeferred(f), Release);
    }

    /// <summary>The typed <see cref="Run(Func{Deferred})"/>.</summary>
    /// <typeparam name="T">The work's result type.</typeparam>
    /// <param name="f">The work to do while holding the lock.</param>
    /// <returns>A Deferred for the work's outcome, fired after the lock was released.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    public Deferred<T> Run<T>(Func<Deferred<T>> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Locking.Run(Acquire(), f, Release);
    }
}
