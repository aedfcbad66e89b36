namespace Deferreds.Tests.Twisted.TestDefer;

/// <summary>Ports of test_defer.py's cases where a callback returns a Deferred, and ChainDeferred.</summary>
public sealed class ChainingTests
{
    private static Func<object?, object?> Record(List<object?> into) => r =>
    {
        into.Add(r);
        return r;
    };

    [Fact]
    [Trait("Twisted", "testReturnDeferred")]
    public void Callback_ReturnsPausedDeferred_OuterWaitsForUnpause()
    {
        var seen = new List<object?>();
        var d1 = new Deferred();
        var d2 = new Deferred();
        d2.Pause();
        d1.AddCallback(_ => d2);
        d1.AddCallback(Record(seen));
        d1.Callback(1);
        Assert.Empty(seen);
        d2.Callback(2);
        Assert.Empty(seen);
        d2.Unpause();
        Assert.Equal([2], seen);
    }

    [Fact]
    [Trait("Twisted", "test_chainedPausedDeferredWithResult")]
    public void Callback_ReturnsPausedDeferredWithResult_IsChainedNotStolen()
    {
        var expected = new object();
        var paused = new Deferred();
        paused.Callback(expected);
        paused.Pause();
        var chained = new Deferred();
        chained.AddCallback(_ => paused);
        chained.Callback(null);
        var seen = new List<object?>();
        chained.AddCallback(Record(seen));
        Assert.Empty(seen);
        paused.Unpause();
        Assert.Equal([expected], seen);
    }

    [Fact]
    [Trait("Twisted", "test_pausedDeferredChained")]
    public void PausedOuter_DoesNotBlockInner()
    {
        var first = new Deferred();
        var second = new Deferred();
        first.AddCallback(_ => second);
        first.Callback(null);
        first.Pause();
        second.Callback(null);
        var seen = new List<object?>();
        second.AddCallback(Record(seen));
        Assert.Equal([null], seen);
    }

    [Fact]
    [Trait("Twisted", "test_errbackReturnsDeferred")]
    public void Errback_ReturnsDeferred_ChainsLikeCallback()
    {
        var seen = new List<object?>();
        var d = new Deferred();
        var d2 = new Deferred();
        d.AddErrback(_ => d2).AddCallback(Record(seen));
        d.Errback(new InvalidOperationException());
        Defer.AssertNoResult(d);
        Assert.Empty(seen);
        d2.Callback("result");
        Assert.Equal(["result"], seen);
    }

    [Fact]
    [Trait("Twisted", "test_synchronousImplicitChain")]
    public void Callback_ReturnsFiredDeferred_ResultAdoptedAndInnerLeftWithNull()
    {
        var result = new object();
        var first = Defer.Succeed(result);
        var second = new Deferred();
        second.AddCallback(_ => first);
        second.Callback(null);
        var firstSeen = new List<object?>();
        first.AddCallback(Record(firstSeen));
        Assert.Equal([null], firstSeen);
        var secondSeen = new List<object?>();
        second.AddCallback(Record(secondSeen));
        Assert.Equal([result], secondSeen);
    }

    [Fact]
    [Trait("Twisted", "test_asynchronousImplicitChain")]
    public void Callback_ReturnsUnfiredDeferred_ResultAdoptedWhenItFires()
    {
        var first = new Deferred();
        var second = new Deferred();
        second.AddCallback(_ => first);
        second.Callback(null);
        var firstSeen = new List<object?>();
        var secondSeen = new List<object?>();
        first.AddCallback(Record(firstSeen));
        second.AddCallback(Record(secondSeen));
        Assert.Empty(firstSeen);
        Assert.Empty(secondSeen);
        var result = new object();
        first.Callback(result);
        Assert.Equal([null], firstSeen);
        Assert.Equal([result], secondSeen);
    }

    [Fact]
    [Trait("Twisted", "test_synchronousImplicitErrorChain")]
    public void Callback_ReturnsFailedDeferred_FailureAdoptedInnerLeftWithNull()
    {
        var first = Defer.Fail(new InvalidOperationException("First Deferred's Failure"));
        var second = new Deferred();
        second.AddCallback(_ => first);
        second.Callback(null);
        var firstSeen = new List<object?>();
        first.AddCallback(Record(firstSeen));
        Assert.Equal([null], firstSeen);
        Defer.FailureResultOf(second, typeof(InvalidOperationException));
    }

    [Fact]
    [Trait("Twisted", "test_asynchronousImplicitErrorChain")]
    public void Callback_ReturnsUnfiredDeferredThatFails_OuterTakesErrbackPath()
    {
        var first = new Deferred();
        var second = new Deferred();
        second.AddCallback(_ => first);
        second.Callback(null);
        var secondErrors = new List<Failure>();
        second.AddErrback(f => { secondErrors.Add(f); return null; });
        var firstSeen = new List<object?>();
        first.AddCallback(Record(firstSeen));
        var secondSeen = new List<object?>();
        second.AddCallback(Record(secondSeen));
        Assert.Empty(firstSeen);
        Assert.Empty(secondSeen);
        first.Errback(new InvalidOperationException("First Deferred's Failure"));
        Assert.IsType<InvalidOperationException>(Assert.Single(secondErrors).Value);
        Assert.Equal([null], firstSeen);
        Assert.Single(secondSeen);
    }

    [Fact]
    [Trait("Twisted", "test_doubleAsynchronousImplicitChaining")]
    public void Chaining_IsTransitive()
    {
        var first = new Deferred();
        var second = new Deferred();
        second.AddCallback(_ => first);
        var third = new Deferred();
        third.AddCallback(_ => second);
        var seen = new List<object?>();
        third.AddCallback(Record(seen));
        second.Callback(null);
        third.Callback(null);
        Assert.Empty(seen);
        var result = new object();
        first.Callback(result);
        Assert.Equal([result], seen);
    }

    [Fact]
    [Trait("Twisted", "test_innerCallbacksPreserved")]
    public void InnerCallbacks_RunBeforeOuterContinues()
    {
        var results = new List<object?>();
        var failures = new List<Failure>();
        var inner = new Deferred();
        Deferred outer = Defer.Succeed("outer");
        outer.AddCallback(r =>
        {
            results.Add(("start-of-cb", r));
            Deferred d = Defer.Succeed("inner");
            d.AddCallback(r2 => { results.Add(("firstCallback", r2)); return inner; });
            d.AddCallback(r3 => { results.Add(("secondCallback", r3)); return (string)r3! + (string)r3!; });
            return d;
        });
        outer.AddErrback(f => { failures.Add(f); return null; });
        inner.Callback("orange");
        outer.AddCallback(r => { results.Add(r); return r; });
        Assert.Empty(failures);
        Assert.Equal(
            [("start-of-cb", (object?)"outer"), ("firstCallback", (object?)"inner"), ("secondCallback", (object?)"orange"), "orangeorange"],
            results);
    }

    [Fact]
    [Trait("Twisted", "test_nestedAsynchronousChainedDeferreds")]
    public void NestedAsynchronousChains_OuterCallbackAddedBeforeInnerFires()
    {
        var results = new List<object?>();
        var inner = new Deferred();
        Deferred outer = Defer.Succeed("outer");
        outer.AddCallback(r =>
        {
            results.Add(("start-of-cb", r));
            Deferred d = Defer.Succeed("inner");
            d.AddCallback(r2 => { results.Add(("firstCallback", r2)); return inner.AddCallback(x => new object?[] { x }); });
            d.AddCallback(r3 => { results.Add(("secondCallback", r3)); return r3; });
            return d;
        });
        outer.AddCallback(r => { results.Add(("final", r)); return r; });
        Assert.Equal([("start-of-cb", (object?)"outer"), ("firstCallback", (object?)"inner")], results);
        inner.Callback("withers");
        Assert.Equal(4, results.Count);
        var (name, value) = ((string, object?))results[2]!;
        Assert.Equal("secondCallback", name);
        Assert.Equal(["withers"], (object?[])value!);
        Assert.Equal("final", (((string, object?))results[3]!).Item1);
    }

    [Fact]
    [Trait("Twisted", "test_resultOfDeferredResultOfDeferredOfFiredDeferredCalled")]
    public void MiddleDeferred_AfterChainResolves_CallbacksSeeNull()
    {
        var first = new Deferred();
        var second = new Deferred();
        var third = new Deferred();
        first.AddCallback(_ => second);
        second.AddCallback(_ => third);
        second.Callback(null);
        first.Callback(null);
        third.Callback(null);
        var seen = new List<object?>();
        second.AddCallback(Record(seen));
        Assert.Equal([null], seen);
    }

    [Fact]
    public void InnerCallbacksAddedAfterReturn_RunAfterOuterWithNull()
    {
        var order = new List<(string, object?)>();
        var inner = new Deferred();
        Deferred outer = Defer.Succeed(0);
        outer.AddCallback(_ => inner);
        inner.AddCallback(r => { order.Add(("inner-late", r)); return r; });
        outer.AddCallback(r => { order.Add(("outer", r)); return r; });
        inner.Callback("I");
        Assert.Equal([("outer", (object?)"I"), ("inner-late", null)], order);
    }

    [Fact]
    public void StrandedCallbacks_OuterUserPausedWhileWaiting_InnerRestRunsOnlyWhenRetriggered()
    {
        var order = new List<string>();
        var inner = new Deferred();
        var outer = new Deferred();
        outer.AddCallback(_ => inner);
        outer.AddCallback(r => { order.Add($"outer {r}"); return r; });
        outer.Callback(null);
        inner.AddCallback(r => { order.Add($"inner-late {r ?? "null"}"); return r; });
        outer.Pause();
        inner.Callback("v");
        Assert.Empty(order);
        outer.Unpause();
        Assert.Equal(["outer v"], order);
        inner.AddCallback(r => r);
        Assert.Equal(["outer v", "inner-late null"], order);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    [Trait("Twisted", "test_boundedStackDepth")]
    public void NestedChain_OneMillionDeep_RunsOnDefaultStack(bool innermostFirst)
    {
        const int depth = 1_000_000;
        var chain = new Deferred[depth + 1];
        for (var i = 0; i < chain.Length; i++)
        {
            chain[i] = new Deferred();
        }
        for (var i = 0; i < depth; i++)
        {
            var next = chain[i + 1];
            chain[i].AddCallback(_ => next);
        }
        object? seen = "unset";
        chain[0].AddCallback(r => seen = r);
        if (innermostFirst)
        {
            for (var i = depth; i >= 1; i--)
            {
                chain[i].Callback(i == depth ? "bottom" : null);
            }
            chain[0].Callback(null);
        }
        else
        {
            for (var i = 0; i < depth; i++)
            {
                chain[i].Callback(null);
            }
            Assert.Equal("unset", seen);
            chain[depth].Callback("bottom");
        }
        Assert.Equal("bottom", seen);
    }

    [Fact]
    [Trait("Twisted", "test_boundedStackDepth")]
    public void NestedChain_FiredAtTheBottom_CallbackRunsAtTheSameStackDepthForOneOrTwoLevels()
    {
        Assert.Equal(StackDepthOfChain(1), StackDepthOfChain(2));
    }

    private static int StackDepthOfChain(int howMany)
    {
        var depth = -1;
        var top = new Deferred();
        var inners = Enumerable.Range(0, howMany).Select(_ => new Deferred()).ToList();
        var last = new Deferred();
        top.AddCallback(_ => inners[0]);
        top.AddCallback(r => { depth = new System.Diagnostics.StackTrace().FrameCount; return r; });
        for (var i = 0; i < howMany - 1; i++)
        {
            var next = inners[i + 1];
            inners[i].AddCallback(_ => next);
        }
        inners[^1].AddCallback(_ => last);
        top.Callback(null);
        inners.ForEach(d => d.Callback(null));
        Assert.Equal(-1, depth);
        last.Callback(null);
        return depth;
    }

    [Fact]
    [Trait("Twisted", "test_circularChainException")]
    public void Callback_ReturnsItsOwnDeferred_FailsClearly()
    {
        var d = new Deferred();
        d.AddCallback(_ => d);
        d.Callback("foo");
        var failure = Defer.FailureResultOf(d, typeof(InvalidOperationException));
        Assert.Contains("returned the Deferred it was attached to", failure.GetErrorMessage(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Twisted", "test_chainDeferredRecordsExplicitChain")]
    public void ChainDeferred_TargetShowsWaitingOnSource()
    {
        var a = new Deferred();
        var b = new Deferred();
        b.ChainDeferred(a);
        Assert.Contains("waiting on Deferred", a.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Twisted", "test_explicitChainClearedWhenResolved")]
    public void ChainDeferred_AfterSourceFires_TargetHasResultAndSourceNull()
    {
        var a = new Deferred();
        var b = new Deferred();
        b.ChainDeferred(a);
        b.Callback("x");
        Assert.Equal("x", a.Result);
        Assert.Null(b.Result);
        Assert.DoesNotContain("waiting", a.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Twisted", "test_chainDeferredRecordsImplicitChain")]
    public void Callback_ReturnsUnfiredDeferred_OuterShowsWaitingOnIt()
    {
        var a = new Deferred();
        var b = new Deferred();
        a.AddCallback(_ => b);
        a.Callback(null);
        Assert.Contains("waiting on Deferred", a.ToString(), StringComparison.Ordinal);
        Assert.Same(b, a.Result);
    }

    [Fact]
    public void ChainDeferred_Failure_TargetTakesErrbackPathSourceRecovers()
    {
        var a = new Deferred();
        var b = new Deferred();
        b.ChainDeferred(a);
        var order = new List<string>();
        b.AddCallback(r => { order.Add($"b {r ?? "null"}"); return r; });
        a.AddErrback(f => { order.Add($"a {f.GetErrorMessage()}"); return null; });
        b.Errback(new InvalidOperationException("bad"));
        Assert.Equal(["a bad", "b null"], order);
    }

    [Fact]
    public void ChainDeferred_TargetAlreadyFired_SourceFailsWithAlreadyCalledError()
    {
        var a = Defer.Succeed(1);
        var b = new Deferred();
        b.ChainDeferred(a);
        b.Callback(2);
        Defer.FailureResultOf(b, typeof(AlreadyCalledError));
        Assert.Equal(1, Defer.SuccessResultOf(a));
    }

    [Fact]
    public void ChainDeferred_TargetPaused_TargetStoresResultAndSourceContinues()
    {
        var a = new Deferred();
        a.Pause();
        var seenA = new List<object?>();
        a.AddCallback(Record(seenA));
        var b = new Deferred();
        b.ChainDeferred(a);
        var seenB = new List<object?>();
        b.AddCallback(Record(seenB));
        b.Callback("v");
        Assert.Equal([null], seenB);
        Assert.Empty(seenA);
        a.Unpause();
        Assert.Equal(["v"], seenA);
    }

    [Fact]
    public void ChainDeferred_TargetRunsBeforeSourceContinues()
    {
        var order = new List<string>();
        var a = new Deferred();
        a.AddCallback(r => { order.Add("a"); return r; });
        var b = new Deferred();
        b.ChainDeferred(a);
        b.AddCallback(r => { order.Add("b"); return r; });
        b.Callback(1);
        Assert.Equal(["a", "b"], order);
    }

    [Fact]
    public void ChainDeferred_TargetWaitsOnPausedDeferred_OnlyTheTargetStops()
    {
        var order = new List<string>();
        var blocker = new Deferred();
        blocker.Pause();
        blocker.Callback("blocked");
        var a = new Deferred();
        a.AddCallback(_ => blocker);
        a.AddCallback(r => { order.Add($"a {r}"); return r; });
        var b = new Deferred();
        b.ChainDeferred(a);
        b.AddCallback(r => { order.Add("b"); return r; });
        b.Callback(1);
        Assert.Equal(["b"], order);
        blocker.Unpause();
        Assert.Equal(["b", "a blocked"], order);
    }

    [Fact]
    public void ChainDeferred_TwoHundredThousandLinks_DoesNotOverflowTheStack()
    {
        var links = Enumerable.Range(0, 200_000).Select(_ => new Deferred()).ToArray();
        for (var i = 0; i < links.Length - 1; i++)
        {
            links[i].ChainDeferred(links[i + 1]);
        }
        links[0].Callback("x");
        Assert.Equal("x", links[^1].Result);
    }

    [Fact]
    public void ChainDeferred_NullOrSelf_Throws()
    {
        var d = new Deferred();
        Assert.Throws<ArgumentNullException>(() => d.ChainDeferred(null!));
        Assert.Throws<ArgumentException>(() => d.ChainDeferred(d));
    }
}
