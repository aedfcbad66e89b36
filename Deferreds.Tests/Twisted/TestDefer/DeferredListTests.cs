namespace Deferreds.Tests.Twisted.TestDefer;

/// <summary>Ports of test_defer.py's DeferredList cases (§3.7, scenarios 58–71 of the reference).</summary>
public sealed class DeferredListTests
{
    private sealed class GenericError(string message) : Exception(message);

    private static void FakeCallbackCanceller(Deferred d) => d.Callback("Callback Result");

    private static IReadOnlyList<(bool Success, object? Result)> ListResult(Deferred list) =>
        Assert.IsAssignableFrom<IReadOnlyList<(bool Success, object? Result)>>(Defer.SuccessResultOf(list));

    [Fact]
    [Trait("Twisted", "testDeferredList")]
    public void DeferredList_MixedResults_ListInInputOrderAfterLastMember()
    {
        var d1 = new Deferred();
        var d2 = new Deferred();
        var d3 = new Deferred();
        var dl = new DeferredList([d1, d2, d3]);
        var results = new List<object?>();
        dl.AddCallbacks(r => { results.Add(r); return r; }, f => { results.Add(f); return f; });

        d1.Callback("1");
        d2.AddErrback(_ => null);
        d2.Errback(new GenericError("2"));
        Assert.Empty(results);
        d3.Callback("3");

        var list = Assert.IsAssignableFrom<IReadOnlyList<(bool Success, object? Result)>>(Assert.Single(results));
        Assert.Equal(3, list.Count);
        Assert.Equal((true, (object?)"1"), list[0]);
        Assert.False(list[1].Success);
        Assert.Equal("2", Assert.IsType<Failure>(list[1].Result).GetErrorMessage());
        Assert.Equal((true, (object?)"3"), list[2]);
        Assert.Null(d2.Result);
    }

    [Fact]
    [Trait("Twisted", "testEmptyDeferredList")]
    public void DeferredList_Empty_FiresAtOnceWithEmptyList()
    {
        var dl = new DeferredList([]);
        Assert.Empty(ListResult(dl));
        Assert.Empty(ListResult(new DeferredList([], fireOnOneErrback: true)));
    }

    [Fact]
    [Trait("Twisted", "testEmptyDeferredList")]
    public void DeferredList_EmptyWithFireOnOneCallback_NeverFires()
    {
        var dl = new DeferredList([], fireOnOneCallback: true);
        Defer.AssertNoResult(dl);
    }

    [Fact]
    [Trait("Twisted", "testDeferredListEmpty")]
    public void DeferredList_Empty_CallbackRunsWithEmptyList()
    {
        var ran = false;
        new DeferredList([]).AddCallback(r =>
        {
            ran = true;
            Assert.Empty(Assert.IsAssignableFrom<IReadOnlyList<(bool Success, object? Result)>>(r));
            return r;
        });
        Assert.True(ran);
    }

    [Fact]
    [Trait("Twisted", "testDeferredListFireOnOneError")]
    public void DeferredList_FireOnOneErrback_FailsWithFirstErrorAtFirstFailure()
    {
        var d1 = new Deferred();
        var d2 = new Deferred();
        var d3 = new Deferred();
        var dl = new DeferredList([d1, d2, d3], fireOnOneErrback: true);
        var failures = new List<Failure>();
        dl.AddErrback(f => { failures.Add(f); return null; });
        d2.AddErrback(_ => null);

        d1.Callback("1");
        Assert.Empty(failures);
        d2.Errback(new GenericError("from def2"));

        var failure = Assert.Single(failures);
        var firstError = Assert.IsType<FirstError>(failure.Value);
        Assert.Equal(typeof(GenericError), firstError.SubFailure.Type);
        Assert.Equal("from def2", firstError.SubFailure.GetErrorMessage());
        Assert.Equal(1, firstError.Index);
    }

    [Fact]
    [Trait("Twisted", "testDeferredListDontConsumeErrors")]
    public void DeferredList_WithoutConsumeErrors_MemberKeepsItsFailure()
    {
        var d1 = new Deferred();
        var dl = new DeferredList([d1]);
        var trapped = new List<Failure>();
        d1.AddErrback(f => { trapped.Add(f); return null; });

        d1.Errback(new GenericError("Bang"));

        Assert.Equal("Bang", Assert.Single(trapped).GetErrorMessage());
        var entry = Assert.Single(ListResult(dl));
        Assert.False(entry.Success);
        Assert.Equal("Bang", Assert.IsType<Failure>(entry.Result).GetErrorMessage());
    }

    [Fact]
    [Trait("Twisted", "testDeferredListConsumeErrors")]
    public void DeferredList_ConsumeErrors_MemberContinuesWithNull()
    {
        var d1 = new Deferred();
        var dl = new DeferredList([d1], consumeErrors: true);
        var trapped = new List<Failure>();
        var later = new List<object?>();
        d1.AddCallbacks(r => { later.Add(r); return r; }, f => { trapped.Add(f); return null; });

        d1.Errback(new GenericError("Bang"));

        Assert.Empty(trapped);
        Assert.Equal([null], later);
        var entry = Assert.Single(ListResult(dl));
        Assert.Equal("Bang", Assert.IsType<Failure>(entry.Result).GetErrorMessage());
    }

    [Fact]
    [Trait("Twisted", "testDeferredListFireOnOneErrorWithAlreadyFiredDeferreds")]
    public void DeferredList_FireOnOneErrbackAndFailedMember_FailedDuringConstruction()
    {
        var d1 = new Deferred();
        var d2 = new Deferred();
        d1.Errback(new GenericError("Bang"));
        var dl = new DeferredList([d1, d2], fireOnOneErrback: true);
        var failure = Defer.FailureResultOf(dl, typeof(FirstError));
        Assert.Equal(0, ((FirstError)failure.Value).Index);
        d1.AddErrback(_ => null);
    }

    [Fact]
    [Trait("Twisted", "testDeferredListWithAlreadyFiredDeferreds")]
    public void DeferredList_AllMembersAlreadyFired_FiredDuringConstruction()
    {
        var d1 = new Deferred();
        var d2 = new Deferred();
        d1.Errback(new GenericError("Bang"));
        d2.Callback(2);
        var dl = new DeferredList([d1, d2]);
        var list = ListResult(dl);
        Assert.False(list[0].Success);
        Assert.Equal((true, (object?)2), list[1]);
        d1.AddErrback(_ => null);
    }

    [Fact]
    public void DeferredList_FireOnOneCallback_FiresWithValueAndIndexThenKeepsRecording()
    {
        var a = new Deferred();
        var b = new Deferred();
        var dl = new DeferredList([a, b], fireOnOneCallback: true);

        b.Callback("B");
        Assert.Equal(((object?)"B", 1), Defer.SuccessResultOf(dl));
        Assert.Equal(1, dl.FinishedCount);
        Assert.Null(dl.ResultList[0]);

        a.Callback("A");
        Assert.Equal(2, dl.FinishedCount);
        Assert.Equal([(true, (object?)"A"), (true, (object?)"B")], dl.ResultList);
    }

    [Fact]
    public void DeferredList_FireOnOneCallbackAllFail_SucceedsWithTheFailures()
    {
        var a = new Deferred();
        var b = new Deferred();
        var dl = new DeferredList([a, b], fireOnOneCallback: true, consumeErrors: true);
        a.Errback(new GenericError("a"));
        Defer.AssertNoResult(dl);
        b.Errback(new GenericError("b"));
        var list = ListResult(dl);
        Assert.All(list, entry => Assert.False(entry.Success));
        Assert.Equal(["a", "b"], list.Select(entry => ((Failure)entry.Result!).GetErrorMessage()));
    }

    [Fact]
    public void DeferredList_BothFlagsAlreadyFired_FirstMemberInIndexOrderDecides()
    {
        var failed = Defer.Fail(new GenericError("x"));
        var succeeded = Defer.Succeed("y");
        var failFirst = new DeferredList([failed, succeeded], fireOnOneCallback: true, fireOnOneErrback: true, consumeErrors: true);
        Assert.Equal(0, ((FirstError)Defer.FailureResultOf(failFirst, typeof(FirstError)).Value).Index);

        var ok = Defer.Succeed("x");
        var bad = Defer.Fail(new GenericError("y"));
        var succeedFirst = new DeferredList([ok, bad], fireOnOneCallback: true, fireOnOneErrback: true, consumeErrors: true);
        Assert.Equal(((object?)"x", 0), Defer.SuccessResultOf(succeedFirst));
    }

    [Fact]
    public void DeferredList_FiresInsideTheMembersChain_BeforeTheMembersLaterCallbacks()
    {
        var order = new List<string>();
        var d = new Deferred();
        var dl = new DeferredList([d]);
        dl.AddCallback(r => { order.Add("list"); return r; });
        d.AddCallback(r => { order.Add("member"); return r; });
        d.Callback(1);
        Assert.Equal(["list", "member"], order);
    }

    [Fact]
    public void DeferredList_SeesMemberResultWhereItsChainWasWhenBuilt()
    {
        var d = new Deferred();
        d.AddCallback(r => (int)r! + 1);
        var dl = new DeferredList([d]);
        d.AddCallback(r => (int)r! * 10);
        d.Callback(1);
        Assert.Equal((true, (object?)2), ListResult(dl)[0]);
        Assert.Equal(20, d.Result);
    }

    [Fact]
    [Trait("Twisted", "test_cancelDeferredList")]
    public void Cancel_Unfired_CancelsEveryMember()
    {
        var one = new Deferred();
        var two = new Deferred();
        var dl = new DeferredList([one, two]);
        dl.Cancel();
        Defer.FailureResultOf(one, typeof(CancelledError));
        Defer.FailureResultOf(two, typeof(CancelledError));
        Assert.All(ListResult(dl), entry => Assert.False(entry.Success));
    }

    [Fact]
    [Trait("Twisted", "test_cancelDeferredListCallback")]
    public void Cancel_MemberCancellerSucceeds_ListHoldsItsResult()
    {
        var one = new Deferred(FakeCallbackCanceller);
        var two = new Deferred();
        var dl = new DeferredList([one, two]);
        dl.Cancel();
        Defer.FailureResultOf(two, typeof(CancelledError));
        var list = ListResult(dl);
        Assert.Equal((true, (object?)"Callback Result"), list[0]);
        Assert.False(list[1].Success);
        Assert.NotNull(((Failure)list[1].Result!).Check(typeof(CancelledError)));
    }

    [Fact]
    [Trait("Twisted", "test_cancelDeferredListWithFireOnOneCallback")]
    public void Cancel_FireOnOneCallback_CancelsEveryMember()
    {
        var one = new Deferred();
        var two = new Deferred();
        var dl = new DeferredList([one, two], fireOnOneCallback: true);
        dl.Cancel();
        Defer.FailureResultOf(one, typeof(CancelledError));
        Defer.FailureResultOf(two, typeof(CancelledError));
    }

    [Fact]
    [Trait("Twisted", "test_cancelDeferredListWithFireOnOneCallbackAndDeferredCallback")]
    public void Cancel_FireOnOneCallbackAndMemberCancellerSucceeds_FiresWithThatResult()
    {
        var one = new Deferred(FakeCallbackCanceller);
        var two = new Deferred();
        var dl = new DeferredList([one, two], fireOnOneCallback: true);
        dl.Cancel();
        Defer.FailureResultOf(two, typeof(CancelledError));
        Assert.Equal(((object?)"Callback Result", 0), Defer.SuccessResultOf(dl));
    }

    [Fact]
    [Trait("Twisted", "test_cancelDeferredListWithFireOnOneErrback")]
    public void Cancel_FireOnOneErrback_FailsWithFirstErrorOfCancelledError()
    {
        var one = new Deferred();
        var two = new Deferred();
        var dl = new DeferredList([one, two], fireOnOneErrback: true);
        dl.Cancel();
        Defer.FailureResultOf(one, typeof(CancelledError));
        Defer.FailureResultOf(two, typeof(CancelledError));
        var firstError = (FirstError)Defer.FailureResultOf(dl, typeof(FirstError)).Value;
        Assert.NotNull(firstError.SubFailure.Check(typeof(CancelledError)));
    }

    [Fact]
    [Trait("Twisted", "test_cancelDeferredListWithFireOnOneErrbackAllDeferredsCallback")]
    public void Cancel_FireOnOneErrbackAllCancellersSucceed_FiresWithTheList()
    {
        var one = new Deferred(FakeCallbackCanceller);
        var two = new Deferred(FakeCallbackCanceller);
        var dl = new DeferredList([one, two], fireOnOneErrback: true);
        dl.Cancel();
        Assert.Equal([(true, (object?)"Callback Result"), (true, (object?)"Callback Result")], ListResult(dl));
    }

    [Fact]
    [Trait("Twisted", "test_cancelDeferredListWithOriginalDeferreds")]
    public void Cancel_CallerAddedToItsListLater_OnlyCopiedMembersCancelled()
    {
        var one = new Deferred();
        var two = new Deferred();
        var arguments = new List<Deferred> { one, two };
        var dl = new DeferredList(arguments);
        var three = new Deferred();
        arguments.Add(three);
        dl.Cancel();
        Defer.FailureResultOf(one, typeof(CancelledError));
        Defer.FailureResultOf(two, typeof(CancelledError));
        Defer.AssertNoResult(three);
    }

    [Fact]
    [Trait("Twisted", "test_cancelFiredOnOneCallbackDeferredList")]
    public void Cancel_AfterFiredOnOneCallback_DoesNothing()
    {
        var one = new Deferred();
        var two = new Deferred();
        var dl = new DeferredList([one, two], fireOnOneCallback: true);
        one.Callback(null);
        dl.Cancel();
        Defer.AssertNoResult(two);
    }

    [Fact]
    [Trait("Twisted", "test_cancelFiredOnOneErrbackDeferredList")]
    public void Cancel_AfterFiredOnOneErrback_DoesNothing()
    {
        var one = new Deferred();
        var two = new Deferred();
        var dl = new DeferredList([one, two], fireOnOneErrback: true);
        one.Errback(new GenericError("test"));
        dl.Cancel();
        Defer.AssertNoResult(two);
        Defer.FailureResultOf(one, typeof(GenericError));
        Defer.FailureResultOf(dl, typeof(FirstError));
    }

    [Fact]
    public void Constructor_NullInputOrMember_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new DeferredList(null!));
        Assert.Throws<ArgumentException>(() => new DeferredList([new Deferred(), null!]));
    }

    [Fact]
    public void Properties_ReflectConstructorArguments()
    {
        var dl = new DeferredList([new Deferred()], fireOnOneCallback: true, consumeErrors: true);
        Assert.True(dl.FireOnOneCallback);
        Assert.False(dl.FireOnOneErrback);
        Assert.True(dl.ConsumeErrors);
        Assert.Equal(0, dl.FinishedCount);
        Assert.Equal([null], dl.ResultList);
        Assert.StartsWith("<DeferredList at 0x", dl.ToString(), StringComparison.Ordinal);
    }
}
