namespace Deferreds.Tests.Combinators;

/// <summary>Our own GatherResults cases: typed members, mixed typed/untyped input, cancellation through the typed handle.</summary>
public sealed class GatherResultsTypedTests
{
    [Fact]
    public void GatherResults_UntypedArrayOfTypedMembers_Compiles()
    {
        var typedA = new Deferred<int>();
        var typedB = new Deferred<string>();
        Deferred<IReadOnlyList<object?>> gather = Defer.GatherResults(new Deferred[] { typedA, typedB });
        typedB.Callback("b");
        typedA.Callback(1);
        Assert.Equal([1, "b"], Defer.SuccessResultOf(gather));
    }

    [Fact]
    public void GatherResults_TypedList_GivesTypedValues()
    {
        var members = new List<Deferred<string>> { new(), new() };
        Deferred<IReadOnlyList<string>> gather = Defer.GatherResults(members);
        members[1].Callback("y");
        members[0].Callback("x");
        Assert.Equal(["x", "y"], Defer.SuccessResultOf(gather));
    }

    [Fact]
    public void GatherResults_TypedMemberChangedType_FailsWithFirstErrorOfInvalidCast()
    {
        var a = new Deferred<int>();
        a.AddCallback(_ => (object?)"not an int");
        var gather = Defer.GatherResults([a]);
        a.Callback(1);
        var firstError = (FirstError)Defer.FailureResultOf(gather, typeof(FirstError)).Value;
        Assert.IsType<InvalidCastException>(firstError.SubFailure.Value);
        Assert.Equal("not an int", a.Result);
    }

    [Fact]
    public void Cancel_TypedGather_CancelsEveryMember()
    {
        var cancelled = new List<int>();
        var a = new Deferred<int>(_ => cancelled.Add(0));
        var b = new Deferred<int>(_ => cancelled.Add(1));
        Deferred gather = Defer.GatherResults([a, b], consumeErrors: true);
        gather.Cancel();
        Assert.Equal([0, 1], cancelled);
        Assert.Null(a.Result);
        Defer.FailureResultOf(gather, typeof(FirstError));
    }

    [Fact]
    public void Cancel_AfterGatherFired_DoesNotCancelMembers()
    {
        var a = new Deferred();
        var gather = Defer.GatherResults([a]);
        a.Callback(1);
        gather.Cancel();
        Assert.Equal(1, a.Result);
        Assert.Equal([1], Defer.SuccessResultOf(gather));
    }

    [Fact]
    public void GatherResults_NullInputOrMember_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => Defer.GatherResults((IEnumerable<Deferred>)null!));
        Assert.Throws<ArgumentException>(() => Defer.GatherResults(new Deferred[] { null! }));
        Assert.Throws<ArgumentNullException>(() => Defer.Race(null!));
    }

    [Fact]
    public void GatherResults_InputMutatedAfterCall_UsesTheCopy()
    {
        var a = new Deferred();
        var input = new List<Deferred> { a };
        var gather = Defer.GatherResults(input);
        input.Add(new Deferred());
        a.Callback("only");
        Assert.Equal(["only"], Defer.SuccessResultOf(gather));
    }

    [Fact]
    public void GatherResults_MoreMembersThanSharedInvokers_ValuesInInputOrder()
    {
        var count = 20_000;
        var members = Enumerable.Range(0, count).Select(_ => new Deferred<int>()).ToArray();
        var gather = Defer.GatherResults(members);
        for (var i = count - 1; i >= 0; i--)
        {
            members[i].Callback(i);
        }
        Assert.Equal(Enumerable.Range(0, count), Defer.SuccessResultOf(gather));
    }

    [Fact]
    public void Cancel_ThroughAHandleOfAnotherType_CancelsEveryMember()
    {
        var a = new Deferred();
        var b = new Deferred();
        Deferred<int> count = Defer.GatherResults([a, b]).AddCallback(list => list.Count);
        count.Cancel();
        Defer.FailureResultOf(a, typeof(CancelledError));
        Defer.FailureResultOf(b, typeof(CancelledError));
        Defer.FailureResultOf(count, typeof(FirstError));
    }
}
