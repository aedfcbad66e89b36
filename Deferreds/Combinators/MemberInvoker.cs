namespace Deferreds;

/// <summary>
/// The chain entry a combinator appends to each member: the combinator is the entry's function on both sides,
/// and the invoker carries only the member's index — so invokers are immutable, shared by every combinator, and
/// watching a member costs no closure, no delegate and (for the first <see cref="CachedCount"/> indices) no
/// allocation at all.
/// </summary>
internal sealed class MemberInvoker : CallbackInvoker
{
    /// <summary>How many invokers are kept for reuse: at most 24 bytes each, created on first use, never freed.</summary>
    internal const int CachedCount = 1 << 14;

    private static MemberInvoker[] s_cache = [];

    private readonly int _index;

    private MemberInvoker(int index) => _index = index;

    public override object? Invoke(object function, object? argument) => ((IMemberSink)function).OnMemberResult(_index, argument);

    /// <summary>Makes <paramref name="sink"/> see each member's result at the current end of its chain.</summary>
    public static void Watch(Deferred[] members, IMemberSink sink)
    {
        var cache = Cache(members.Length);
        for (var i = 0; i < members.Length; i++)
        {
            var invoker = i < cache.Length ? cache[i] : new MemberInvoker(i);
            members[i].AddInvoked(sink, invoker);
        }
    }

    /// <summary>The shared invokers for indices below <paramref name="count"/> (fewer past <see cref="CachedCount"/>).</summary>
    private static MemberInvoker[] Cache(int count)
    {
        var cache = Volatile.Read(ref s_cache);
        if (cache.Length >= count || cache.Length == CachedCount)
        {
            return cache;
        }
        // Grows by doubling; threads racing here build equal arrays, and either may win: invokers are immutable.
        var grown = new MemberInvoker[Math.Min(CachedCount, Math.Max(count, cache.Length * 2))];
        Array.Copy(cache, grown, cache.Length);
        for (var i = cache.Length; i < grown.Length; i++)
        {
            grown[i] = new MemberInvoker(i);
        }
        Volatile.Write(ref s_cache, grown);
        return grown;
    }

    /// <summary>Copies the input first (later changes to the caller's collection have no effect) and rejects null members.</summary>
    public static Deferred[] Copy(IEnumerable<Deferred> deferreds, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(deferreds, parameterName);
        var members = deferreds.ToArray();
        for (var i = 0; i < members.Length; i++)
        {
            if (members[i] is null)
            {
                throw new ArgumentException(
                    $"The Deferred at index {i} is null. Pass only Deferreds (use Defer.Succeed(null) for a ready null result).",
                    parameterName);
            }
        }
        return members;
    }

    /// <summary>Reads a member's success value as <typeparamref name="T"/>; false when an untyped callback changed its type.</summary>
    public static bool TryRead<T>(object? result, out T value)
    {
        if (result is T typed)
        {
            value = typed;
            return true;
        }
        value = default!;
        return result is null && default(T) is null;
    }

    /// <summary>The failure used when a typed member's value is not of its promised type.</summary>
    public static Failure WrongType<T>(object? result, int index) => new(new InvalidCastException(
        $"The Deferred<{typeof(T).Name}> at index {index} fired with {(result is null ? "null" : "a " + result.GetType().FullName)}: " +
        "an untyped callback on it changed the result's type. Pass the handle returned by the type-changing AddCallback."));
}
