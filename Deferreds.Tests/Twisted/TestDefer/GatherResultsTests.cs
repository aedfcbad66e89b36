namespace Deferreds.Tests.Twisted.TestDefer;

/// <summary>Ports of test_defer.py's gatherResults cases (§3.7, scenarios 72–74 of the reference).</summary>
public sealed class GatherResultsTests
{
    private static void FakeCallbackCanceller(Deferred d) => d.Callback("Callback Result");

    [Fact]
    [Trait("Twisted", "test_gatherResults")]
    public void GatherResults_AllSucceed_ValuesInInputOrder()
    {
        var results = new List<IReadOnlyList<int>>();
        Defer.GatherResults([Defer.Succeed(1), Defer.Succeed(2)]).AddBoth((r, _) => results.Add(r!));
        Assert.Equal([1, 2], Assert.Single(results));
    }

    [Fact]
    [Trait("Twisted", "test_gatherResults")]
    public void GatherResults_OneFails_OneFirstErrorFailure()
    {
        var errors = new List<Failure>();
        var members = new[] { Defer.Succeed(1), Defer.Fail(new ArgumentException("bad")) };
        ((Deferred)Defer.GatherResults(members)).AddErrback(f => { errors.Add(f); return null; });
        var firstError = Assert.IsType<FirstError>(Assert.Single(errors).Value);
        Assert.Equal(1, firstError.Index);
        Assert.IsType<ArgumentException>(firstError.SubFailure.Value);
        members[1].AddErrback(_ => 1);
    }

    [Fact]
    [Trait("Twisted", "test_gatherResultsWithConsumeErrors")]
    public void GatherResults_ConsumeErrors_MemberFailureBecomesNull()
    {
        var good = Defer.Succeed(1);
        var bad = Defer.Fail(new InvalidOperationException("oh noes"));
        var d = Defer.GatherResults([good, bad], consumeErrors: true);
        var unconsumed = new List<Failure>();
        bad.AddErrback(f => { unconsumed.Add(f); return null; });
        var gathered = new List<Failure>();
        ((Deferred)d).AddErrback(f => { gathered.Add(f); return null; });

        Assert.Empty(unconsumed);
        var firstError = Assert.IsType<FirstError>(Assert.Single(gathered).Value);
        Assert.IsType<InvalidOperationException>(firstError.SubFailure.Value);
        Assert.Null(bad.Result);
    }

    [Fact]
    [Trait("Twisted", "test_cancelGatherResults")]
    public void Cancel_Unfired_CancelsMembersAndFailsWithFirstError()
    {
        var one = new Deferred();
        var two = new Deferred();
        var result = Defer.GatherResults([one, two]);
        result.Cancel();
        Defer.FailureResultOf(one, typeof(CancelledError));
        Defer.FailureResultOf(two, typeof(CancelledError));
        var firstError = (FirstError)Defer.FailureResultOf(result, typeof(FirstError)).Value;
        Assert.NotNull(firstError.SubFailure.Check(typeof(CancelledError)));
        Assert.Equal(0, firstError.Index);
    }

    [Fact]
    [Trait("Twisted", "test_cancelGatherResultsWithAllDeferredsCallback")]
    public void Cancel_AllCancellersSucceed_FiresWithTheirValues()
    {
        var one = new Deferred(FakeCallbackCanceller);
        var two = new Deferred(FakeCallbackCanceller);
        var result = Defer.GatherResults([one, two]);
        result.Cancel();
        Assert.Equal(["Callback Result", "Callback Result"], Defer.SuccessResultOf(result));
    }

    [Fact]
    public void GatherResults_Empty_FiresEmptyListAtOnce()
    {
        Assert.Empty(Defer.SuccessResultOf(Defer.GatherResults([])));
        Assert.Empty(Defer.SuccessResultOf(Defer.GatherResults(Array.Empty<Deferred<int>>())));
    }

    [Fact]
    public void GatherResults_FiredOutOfOrder_ValuesInInputOrder()
    {
        var a = new Deferred();
        var b = new Deferred();
        var c = new Deferred();
        var gather = Defer.GatherResults([a, b, c]);
        c.Callback("c");
        a.Callback("a");
        Defer.AssertNoResult(gather);
        b.Callback("b");
        Assert.Equal(["a", "b", "c"], Defer.SuccessResultOf(gather));
    }

    [Fact]
    public void GatherResults_LaterFailuresIgnoredAndLeftOnTheirMembers()
    {
        var a = new Deferred();
        var b = new Deferred();
        var gather = Defer.GatherResults([a, b]);
        b.Errback(new InvalidOperationException("first"));
        a.Errback(new InvalidOperationException("second"));
        var firstError = (FirstError)Defer.FailureResultOf(gather, typeof(FirstError)).Value;
        Assert.Equal(1, firstError.Index);
        Assert.Equal("first", firstError.SubFailure.GetErrorMessage());
        Assert.Equal("second", Assert.IsType<Failure>(a.Result).GetErrorMessage());
        Assert.Equal("first", Assert.IsType<Failure>(b.Result).GetErrorMessage());
        a.AddErrback(_ => null);
        b.AddErrback(_ => null);
    }
}
