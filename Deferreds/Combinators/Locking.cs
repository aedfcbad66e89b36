namespace Deferreds;

/// <summary>What <see cref="DeferredLock"/> and <see cref="DeferredSemaphore"/> share (Twisted's <c>_ConcurrencyPrimitive</c>).</summary>
internal static class Locking
{
    /// <summary>Removes a cancelled waiter, so it never gets the resource; a granted one has fired and never gets here.</summary>
    public static void RemoveWaiter<T>(List<Deferred<T>> waiting, Deferred<T> waiter) => waiting.Remove(waiter);

    /// <summary>Hands the resource to the oldest waiter, synchronously: its callbacks run before this returns.</summary>
    public static void GrantOldest<T>(List<Deferred<T>> waiting, T resource)
    {
        var waiter = waiting[0];
        waiting.RemoveAt(0);
        waiter.Callback(resource);
    }

    /// <summary>
    /// Twisted's <c>run</c>: <paramref name="acquire"/>'s chain calls <paramref name="start"/> once granted, and the
    /// resource is released when its Deferred fires, before the outcome passes on.
    /// </summary>
    public static Deferred Run(Deferred acquire, Func<Deferred> start, Action release)
    {
        acquire.AddCallback(_ => start().AddBoth(result =>
        {
            release();
            return result;
        }));
        return acquire;
    }

    /// <summary>The typed <see cref="Run"/>.</summary>
    public static Deferred<T> Run<TResource, T>(Deferred<TResource> acquire, Func<Deferred<T>> f, Action release) =>
        acquire.AddCallback<T>(_ => Defer.MaybeDeferred(f).AddBoth((_, _) => release()));
}
