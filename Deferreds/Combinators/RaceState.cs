namespace Deferreds;

/// <summary>The state behind <c>Defer.Race</c> (Twisted ≥ 23.8 <c>race</c>).</summary>
internal sealed class RaceState<T> : IMemberSink
{
    private readonly Deferred[] _members;
    private readonly Failure[] _failures;
    private int _failed;
    private bool _won;

    public RaceState(Deferred[] members)
    {
        _members = members;
        _failures = new Failure[members.Length];
        Result = new Deferred<(int Index, T Result)>(CancelMembers);
        MemberInvoker.Watch(members, this);
    }

    public Deferred<(int Index, T Result)> Result { get; }

    public object? OnMemberResult(int index, object? result)
    {
        if (result is not Failure failure)
        {
            if (MemberInvoker.TryRead(result, out T value))
            {
                Win(index, value);
                return null;
            }
            failure = MemberInvoker.WrongType<T>(result, index);
        }
        _failures[index] = failure;
        if (++_failed == _failures.Length && !_won && !Result.Called)
        {
            Result.Errback(new FailureGroup(_failures));
        }
        return null;
    }

    private void Win(int index, T value)
    {
        if (_won)
        {
            return;
        }
        _won = true;
        Cancellation.CancelEach(_members, skip: index);
        if (!Result.Called)
        {
            Result.Callback((index, value));
        }
    }

    private void CancelMembers(Deferred<(int Index, T Result)> race) => Cancellation.CancelEach(_members);
}
