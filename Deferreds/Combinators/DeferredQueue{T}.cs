using System.Diagnostics;

namespace Deferreds;

/// <summary>
/// Twisted's <c>DeferredQueue</c>: a FIFO queue whose <see cref="Get"/> returns a Deferred, for producers and
/// consumers on one thread. An item put while consumers wait goes straight to the oldest of them.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
[DebuggerDisplay("Pending = {Pending.Count}, Waiting = {Waiting}")]
public sealed class DeferredQueue<T>
{
    private readonly Queue<T> _pending = new();
    private readonly List<Deferred<T>> _waiting = [];
    private readonly Action<Deferred<T>> _cancelGet;

    /// <summary>Creates a queue.</summary>
    /// <param name="size">The most items that may wait in the queue; null for no limit.</param>
    /// <param name="backlog">The most <see cref="Get"/> calls that may wait for an item; null for no limit.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> or <paramref name="backlog"/> is negative.</exception>
    public DeferredQueue(int? size = null, int? backlog = null)
    {
        if (size < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "The queue size must be null (no limit) or at least 0.");
        }
        if (backlog < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(backlog), backlog, "The backlog must be null (no limit) or at least 0.");
        }
        Size = size;
        Backlog = backlog;
        _cancelGet = waiter => _waiting.Remove(waiter);
    }

    /// <summary>The most items that may wait in the queue; null for no limit.</summary>
    public int? Size { get; }

    /// <summary>The most <see cref="Get"/> calls that may wait; null for no limit.</summary>
    public int? Backlog { get; }

    /// <summary>The items waiting to be taken, oldest first.</summary>
    public IReadOnlyCollection<T> Pending => _pending;

    /// <summary>How many <see cref="Get"/> calls are waiting for an item.</summary>
    public int Waiting => _waiting.Count;

    /// <summary>Adds an item: the oldest waiting <see cref="Get"/> receives it now (its callbacks run before this returns); otherwise it is queued.</summary>
    /// <param name="item">The item.</param>
    /// <exception cref="QueueOverflow">Nobody is waiting and the queue already holds <see cref="Size"/> items.</exception>
    public void Put(T item)
    {
        if (_waiting.Count > 0)
        {
            var waiter = _waiting[0];
            _waiting.RemoveAt(0);
            waiter.Callback(item);
        }
        else if (Size is not { } size || _pending.Count < size)
        {
            _pending.Enqueue(item);
        }
        else
        {
            throw new QueueOverflow();
        }
    }

    /// <summary>
    /// Takes the oldest item: the Deferred has already fired if one is queued, otherwise it fires when one is put.
    /// Cancelling a waiting get withdraws it (it fails with <see cref="CancelledError"/> and never takes an item).
    /// </summary>
    /// <returns>A Deferred for the item.</returns>
    /// <exception cref="QueueUnderflow">The queue is empty and <see cref="Backlog"/> gets are already waiting.</exception>
    public Deferred<T> Get()
    {
        if (_pending.Count > 0)
        {
            return Defer.Succeed(_pending.Dequeue());
        }
        if (Backlog is { } backlog && _waiting.Count >= backlog)
        {
            throw new QueueUnderflow();
        }
        var get = new Deferred<T>(_cancelGet);
        _waiting.Add(get);
        return get;
    }
}
