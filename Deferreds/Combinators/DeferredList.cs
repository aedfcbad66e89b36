using System.Diagnostics;

namespace Deferreds;

/// <summary>
/// Twisted's <c>DeferredList</c>: a Deferred that fires once its members have. Its result is, by default, an
/// <see cref="IReadOnlyList{T}"/> of <c>(bool Success, object? Result)</c> in input order — <c>(true, value)</c>
/// or <c>(false, Failure)</c> — once every member has fired. With <c>fireOnOneCallback</c> it fires at the first
/// success with <c>(object? Result, int Index)</c>; with <c>fireOnOneErrback</c> it fails at the first failure with
/// a <see cref="FirstError"/>.
/// </summary>
/// <remarks>
/// The list watches each member at the point its chain has reached when the list is built, and hands each
/// member's result on unchanged to the member's later callbacks — so a failure the list saw is still reported
/// as unhandled when that member is collected — unless <c>consumeErrors</c> is set, in which case a failed
/// member continues with null. Members that have already fired are seen during construction, in input order.
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class DeferredList : Deferred, IMemberSink
{
    private readonly Deferred[] _deferredList;
    private readonly (bool Success, object? Result)?[] _resultList;

    /// <summary>Creates the list and starts watching <paramref name="deferreds"/> (copied first).</summary>
    /// <param name="deferreds">The members, in the order their results are reported.</param>
    /// <param name="fireOnOneCallback">Fire with <c>(object? Result, int Index)</c> as soon as one member succeeds. An empty list then never fires.</param>
    /// <param name="fireOnOneErrback">Fail with <see cref="FirstError"/> as soon as one member fails.</param>
    /// <param name="consumeErrors">Turn a member's failure into null for that member's later callbacks (it is then not reported as unhandled).</param>
    /// <exception cref="ArgumentNullException"><paramref name="deferreds"/> is null.</exception>
    /// <exception cref="ArgumentException">A member is null.</exception>
    public DeferredList(IEnumerable<Deferred> deferreds, bool fireOnOneCallback = false, bool fireOnOneErrback = false, bool consumeErrors = false)
        : base(static list => Cancellation.CancelEach(((DeferredList)list)._deferredList))
    {
        _deferredList = MemberInvoker.Copy(deferreds, nameof(deferreds));
        _resultList = new (bool, object?)?[_deferredList.Length];
        FireOnOneCallback = fireOnOneCallback;
        FireOnOneErrback = fireOnOneErrback;
        ConsumeErrors = consumeErrors;
        if (_deferredList.Length == 0 && !fireOnOneCallback)
        {
            Callback(Array.Empty<(bool Success, object? Result)>());
        }
        MemberInvoker.Watch(_deferredList, this);
    }

    /// <summary>Each member's outcome so far, in input order: null until that member has fired (Twisted's <c>resultList</c>).</summary>
    public IReadOnlyList<(bool Success, object? Result)?> ResultList => _resultList;

    /// <summary>How many members have fired so far; members keep being counted after the list fired.</summary>
    public int FinishedCount { get; private set; }

    /// <summary>Whether the list fires at the first success.</summary>
    public bool FireOnOneCallback { get; }

    /// <summary>Whether the list fails at the first failure.</summary>
    public bool FireOnOneErrback { get; }

    /// <summary>Whether members' failures are turned into null for their later callbacks.</summary>
    public bool ConsumeErrors { get; }

    object? IMemberSink.OnMemberResult(int index, object? result)
    {
        var failure = result as Failure;
        _resultList[index] = (failure is null, result);
        FinishedCount++;
        if (!Called)
        {
            if (failure is null && FireOnOneCallback)
            {
                Callback((Result: result, Index: index));
            }
            else if (failure is not null && FireOnOneErrback)
            {
                Errback(new Failure(new FirstError(failure, index)));
            }
            else if (FinishedCount == _resultList.Length)
            {
                Callback(Completed());
            }
        }
        return failure is not null && ConsumeErrors ? null : result;
    }

    private (bool Success, object? Result)[] Completed()
    {
        var results = new (bool Success, object? Result)[_resultList.Length];
        for (var i = 0; i < results.Length; i++)
        {
            results[i] = _resultList[i].GetValueOrDefault();
        }
        return results;
    }
}
