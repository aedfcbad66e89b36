namespace Deferreds;

/// <summary>
/// A binary min-heap of pending calls ordered by (<see cref="DelayedCall.HeapDue"/>, <see cref="DelayedCall.Sequence"/>);
/// each call knows its index, so cancelling one is O(log n) rather than a list scan.
/// </summary>
internal sealed class DelayedCallHeap
{
    private DelayedCall[] items = new DelayedCall[16];

    public int Count { get; private set; }

    public DelayedCall Peek() => items[0];

    public void Push(DelayedCall call)
    {
        if (Count == items.Length)
        {
            Array.Resize(ref items, items.Length * 2);
        }
        call.HeapIndex = Count;
        items[Count++] = call;
        SiftUp(call.HeapIndex);
    }

    public DelayedCall Pop()
    {
        var top = items[0];
        RemoveAt(0);
        return top;
    }

    public void Remove(DelayedCall call)
    {
        if (call.HeapIndex >= 0)
        {
            RemoveAt(call.HeapIndex);
        }
    }

    /// <summary>Restores the order after <paramref name="call"/>'s key changed in place.</summary>
    public void Update(DelayedCall call)
    {
        SiftUp(call.HeapIndex);
        SiftDown(call.HeapIndex);
    }

    /// <summary>The queued calls in key order (a copy).</summary>
    public DelayedCall[] ToSortedArray()
    {
        var copy = items.AsSpan(0, Count).ToArray();
        Array.Sort(copy, static (a, b) => Compare(a, b));
        return copy;
    }

    private static int Compare(DelayedCall a, DelayedCall b)
    {
        var byDue = a.HeapDue.CompareTo(b.HeapDue);
        return byDue != 0 ? byDue : a.Sequence.CompareTo(b.Sequence);
    }

    private static bool Less(DelayedCall a, DelayedCall b) =>
        a.HeapDue < b.HeapDue || (a.HeapDue == b.HeapDue && a.Sequence < b.Sequence);

    private void RemoveAt(int index)
    {
        var removed = items[index];
        removed.HeapIndex = -1;
        var last = items[--Count];
        items[Count] = null!;
        if (index == Count)
        {
            return;
        }
        items[index] = last;
        last.HeapIndex = index;
        SiftUp(index);
        SiftDown(last.HeapIndex);
    }

    private void SiftUp(int index)
    {
        var call = items[index];
        while (index > 0)
        {
            var parentIndex = (index - 1) >> 1;
            var parent = items[parentIndex];
            if (!Less(call, parent))
            {
                break;
            }
            items[index] = parent;
            parent.HeapIndex = index;
            index = parentIndex;
        }
        items[index] = call;
        call.HeapIndex = index;
    }

    private void SiftDown(int index)
    {
        var call = items[index];
        var count = Count;
        while (true)
        {
            var child = (index << 1) + 1;
            if (child >= count)
            {
                break;
            }
            if (child + 1 < count && Less(items[child + 1], items[child]))
            {
                child++;
            }
            if (!Less(items[child], call))
            {
                break;
            }
            items[index] = items[child];
            items[index].HeapIndex = index;
            index = child;
        }
        items[index] = call;
        call.HeapIndex = index;
    }
}
