namespace Deferreds;

/// <summary>
/// The chain entry a combinator appends to each member: one small object carrying the member's index, used
/// as the invoker on both sides of the pair, so watching a member costs no closure and no delegate.
/// </summary>
internal sealed class MemberInvoker(int index) : CallbackInvoker
{
    public override object? Invoke(object function, object? argument) => ((IMemberSink)function).OnMemberResult(index, argument);

    /// <summary>Makes <paramref name="sink"/> see each member's result at the current end of its chain.</summary>
    public static void Watch(Deferred[] members, IMemberSink sink)
    {
        for (var i = 0; i < members.Length; i++)
        {
            var invoker = new MemberInvoker(i);
            members[i].AddInvoked(sink, invoker, sink, invoker);
        }
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
