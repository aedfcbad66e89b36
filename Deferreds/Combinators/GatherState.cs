namespace Deferreds;

/// <summary>
/// The state behind <c>Defer.GatherResults</c>: Twisted's <c>DeferredList(fireOnOneErrback=True)</c> with the
/// success flags stripped, built directly so that a large gather costs one small object per member.
/// </summary>
internal sealed class GatherState<T> : IMemberSink
{
    private readonly Deferred[] _members;
    private readonly T[] _values;
    private readonly bool _consumeErrors;
    private int _finished;

    public GatherState(Deferred[] members, bool consumeErrors)
    {
        _members = members;
        _values = members.Length == 0 ? [] : new T[members.Length];
        _consumeErrors = consumeErrors;
        Result = new Deferred<IReadOnlyList<T>>(CancelMembers);
        if (members.Length == 0)
        {
            Result.Callback(_values);
            return;
        }
        MemberInvoker.Watch(members, this);
    }

    public Deferred<IReadOnlyList<T>> Result { get; }

    public object? OnMemberResult(int index, object? result)
    {
        _finished++;
        if (result is not Failure failure)
        {
            if (MemberInvoker.TryRead(result, out T value))
            {
                _values[index] = value;
                if (_finished == _values.Length && !Result.Called)
                {
                    Result.Callback(_values);
                }
                return result;
            }
            failure = MemberInvoker.WrongType<T>(result, index);
            if (!Result.Called)
            {
                Result.Errback(new FirstError(failure, index));
            }
            return result;
        }
        if (!Result.Called)
        {
            Result.Errback(new FirstError(failure, index));
        }
        return _consumeErrors ? null : result;
    }

    private void CancelMembers(Deferred<IReadOnlyList<T>> gather) => Cancellation.CancelEach(_members);
}
