namespace Deferreds;

/// <summary>
/// The explicit stack of the chain's run loop, one per thread. Nested runs (a callback that fires another
/// Deferred) share it, each above its own base; a null entry marks the start of an emulated nested run.
/// </summary>
internal sealed class RunStack
{
    private const int InitialCapacity = 16;

    [ThreadStatic]
    private static RunStack? t_current;

    private Slot[] _items = new Slot[InitialCapacity];

    public static RunStack? Current
    {
        get => t_current;
        set => t_current = value;
    }

    public int Count { get; private set; }

    public Deferred? this[int index] => _items[index].Deferred;

    public void Push(Deferred item)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }
        _items[Count++].Deferred = item;
    }

    public void PushBoundary()
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }
        _items[Count++].Deferred = null;
    }

    public void Pop() => _items[--Count].Deferred = null;

    public void RemoveAt(int index)
    {
        if (index < Count - 1)
        {
            Array.Copy(_items, index + 1, _items, index, Count - index - 1);
        }
        _items[--Count].Deferred = null;
    }

    /// <summary>Drops entries down to and including the nearest boundary above <paramref name="floor"/>; false if there is none.</summary>
    public bool UnwindToBoundary(int floor)
    {
        while (Count > floor)
        {
            var top = _items[--Count].Deferred;
            _items[Count].Deferred = null;
            if (top is null)
            {
                return true;
            }
        }
        return false;
    }

    public void TruncateTo(int count)
    {
        while (Count > count)
        {
            _items[--Count].Deferred = null;
        }
        if (Count == 0 && _items.Length > 4096)
        {
            _items = new Slot[InitialCapacity]; // do not keep a million-entry array after a deep chain
        }
    }

    /// <summary>A struct slot: storing into it skips the covariance check a Deferred[] store pays (Deferred is not sealed).</summary>
    private struct Slot
    {
        public Deferred? Deferred;
    }
}
