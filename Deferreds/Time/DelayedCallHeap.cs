namespace Deferreds;

/// <summary>
/// The pending calls of a <see cref="Clock"/> or <see cref="Reactor"/>: a 4-ary min-heap of (due, sequence, call)
/// entries ordered by (due, sequence). The keys live in the entries, so ordering reads only this array, never the calls.
/// </summary>
/// <remarks>
/// Deletion is lazy: an entry is live while its call's <see cref="DelayedCall.Sequence"/> still equals the entry's
/// (sequences are unique per push). Cancelling marks the call; rescheduling pushes a fresh entry and leaves the old one
/// stale. Stale entries are dropped as they reach the top, and all at once (an O(n) rebuild) when they outnumber the
/// live ones, so a queue whose calls are mostly cancelled, such as timeouts, stays at most about twice its live size.
/// </remarks>
internal sealed class DelayedCallHeap
{
    /// <summary>The <see cref="DelayedCall.Sequence"/> of a call with no live entry (no push ever uses it).</summary>
    internal const long NotQueued = long.MinValue;

    // Four children per node, as PriorityQueue: half the depth of a binary heap, and siblings share cache lines.
    private const int Log2Arity = 2;

    private Entry[] entries = new Entry[16];
    private int count;

    /// <summary>How many calls are queued (live entries).</summary>
    public int LiveCount { get; private set; }

    /// <summary>Queues <paramref name="call"/> at (<paramref name="due"/>, <paramref name="sequence"/>); its previous entry, if any, becomes stale.</summary>
    public void Push(DelayedCall call, double due, long sequence)
    {
        if (call.Sequence == NotQueued)
        {
            LiveCount++;
        }
        call.Sequence = sequence;
        if (count == entries.Length)
        {
            if (count - LiveCount >= LiveCount)
            {
                Compact();
            }
            else
            {
                Array.Resize(ref entries, entries.Length * 2);
            }
        }
        SiftUp(count++, new Entry(due, sequence, call));
    }

    /// <summary>Unqueues <paramref name="call"/> if it is queued; its entry becomes stale.</summary>
    public void Remove(DelayedCall call)
    {
        if (call.Sequence == NotQueued)
        {
            return;
        }
        call.Sequence = NotQueued;
        LiveCount--;
        if (count - LiveCount > LiveCount)
        {
            Compact();
        }
    }

    /// <summary>The key of the first queued call, dropping stale entries above it.</summary>
    /// <returns>False when nothing is queued.</returns>
    public bool TryPeek(out double due, out long sequence)
    {
        while (count > 0)
        {
            ref var top = ref entries[0];
            if (top.Call.Sequence == top.Sequence)
            {
                due = top.Due;
                sequence = top.Sequence;
                return true;
            }
            RemoveTop();
        }
        due = 0.0;
        sequence = 0;
        return false;
    }

    /// <summary>Unqueues and returns the first queued call; call only after <see cref="TryPeek"/> returned true.</summary>
    public DelayedCall Pop()
    {
        var call = entries[0].Call;
        call.Sequence = NotQueued;
        LiveCount--;
        RemoveTop();
        return call;
    }

    /// <summary>The queued calls in key order (a copy).</summary>
    public DelayedCall[] ToSortedArray()
    {
        var live = new Entry[LiveCount];
        var n = 0;
        foreach (ref readonly var entry in entries.AsSpan(0, count))
        {
            if (entry.Call.Sequence == entry.Sequence)
            {
                live[n++] = entry;
            }
        }
        Array.Sort(live, static (a, b) => Less(a, b) ? -1 : Less(b, a) ? 1 : 0);
        return Array.ConvertAll(live, static entry => entry.Call);
    }

    private static bool Less(in Entry a, in Entry b) =>
        a.Due < b.Due || (a.Due == b.Due && a.Sequence < b.Sequence);

    /// <summary>
    /// Drops the top entry. The last entry, which refills the gap, came from the bottom and almost always belongs
    /// near it, so the gap first descends along the least children to a leaf and the last entry then rises from
    /// there: about one comparison per level fewer than sifting it down from the top.
    /// </summary>
    private void RemoveTop()
    {
        var items = entries;
        var n = --count;
        var last = items[n];
        items[n] = default;
        if (n == 0)
        {
            return;
        }
        var index = 0;
        while (true)
        {
            var first = (index << Log2Arity) + 1;
            if (first >= n)
            {
                break;
            }
            var least = LeastChild(items, first, n);
            items[index] = items[least];
            index = least;
        }
        SiftUp(index, last);
    }

    /// <summary>The index of the least of the children starting at <paramref name="first"/> (the heap holds <paramref name="n"/> entries).</summary>
    private static int LeastChild(Entry[] items, int first, int n)
    {
        var least = first;
        var end = Math.Min(first + (1 << Log2Arity), n);
        for (var child = first + 1; child < end; child++)
        {
            if (Less(items[child], items[least]))
            {
                least = child;
            }
        }
        return least;
    }

    /// <summary>Keeps only the live entries and restores the heap order bottom-up, in O(n).</summary>
    private void Compact()
    {
        var live = 0;
        for (var i = 0; i < count; i++)
        {
            if (entries[i].Call.Sequence == entries[i].Sequence)
            {
                entries[live++] = entries[i];
            }
        }
        Array.Clear(entries, live, count - live);
        count = live;
        for (var i = (count - 2) >> Log2Arity; i >= 0; i--)
        {
            SiftDown(i, entries[i]);
        }
    }

    /// <summary>Moves <paramref name="entry"/> up from the free slot <paramref name="index"/> to its place.</summary>
    private void SiftUp(int index, Entry entry)
    {
        var items = entries;
        while (index > 0)
        {
            var parent = (index - 1) >> Log2Arity;
            if (!Less(entry, items[parent]))
            {
                break;
            }
            items[index] = items[parent];
            index = parent;
        }
        items[index] = entry;
    }

    /// <summary>Moves <paramref name="entry"/> down from the free slot <paramref name="index"/> to its place.</summary>
    private void SiftDown(int index, Entry entry)
    {
        var items = entries;
        var n = count;
        while (true)
        {
            var first = (index << Log2Arity) + 1;
            if (first >= n)
            {
                break;
            }
            var least = LeastChild(items, first, n);
            if (!Less(items[least], entry))
            {
                break;
            }
            items[index] = items[least];
            index = least;
        }
        items[index] = entry;
    }

    private readonly record struct Entry(double Due, long Sequence, DelayedCall Call);
}
