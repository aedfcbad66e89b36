namespace Deferreds.Tests.Chain;

/// <summary>Deferred&lt;T&gt;: typed handles onto one chain.</summary>
public sealed class TypedDeferredTests
{
    [Fact]
    public void AddCallback_TypeChanging_ReturnsHandleOntoTheSameChain()
    {
        var d = new Deferred<int>();
        Deferred<string> s = d.AddCallback(x => $"v{x}");
        Assert.NotSame((object)d, s);
        var order = new List<string>();
        s.AddCallback(x => { order.Add("via string handle " + x); return x; });
        d.AddBoth(r => { order.Add("via untyped AddBoth " + r); return r; });
        d.Callback(4);
        Assert.Equal(["via string handle v4", "via untyped AddBoth v4"], order);
        Assert.True(s.Called);
        Assert.Equal(d.Result, s.Result);
        Assert.Equal(d.ToString(), s.ToString());
    }

    [Fact]
    public void AddCallback_SameType_ReturnsSameHandle()
    {
        var d = new Deferred<int>();
        Assert.Same(d, d.AddCallback(x => x + 1));
    }

    [Fact]
    public void AddCallback_ReturningTypedDeferred_ChainsAndAdoptsResult()
    {
        var inner = new Deferred<string>();
        var d = new Deferred<int>();
        var s = d.AddCallback(x => inner);
        d.Callback(1);
        Defer.AssertNoResult(s);
        inner.Callback("done");
        Assert.Equal("done", Defer.SuccessResultOf(s));
    }

    [Fact]
    public void AddErrback_Typed_RecoversWithValue()
    {
        var d = Defer.Fail<int>(new InvalidOperationException());
        Assert.Equal(-1, Defer.SuccessResultOf(d.AddErrback(f => -1)));
    }

    [Fact]
    public void AddErrback_ReturnsFailure_StaysOnErrbackPath()
    {
        var d = Defer.Fail<int>(new InvalidOperationException("x"));
        d.AddErrback(f => f);
        Defer.FailureResultOf(d, typeof(InvalidOperationException));
    }

    [Fact]
    public void AddErrback_ReturnsTypedNull_Recovers()
    {
        var d = Defer.Fail<string>(new InvalidOperationException("x"));
        d.AddErrback(f => default(string)!); // a bare null is ambiguous between T and Deferred<T> for reference types
        Assert.Null(Defer.SuccessResultOf(d));
    }

    [Fact]
    public void AddErrback_TypedDeferred_Chains()
    {
        var later = new Deferred<int>();
        var d = Defer.Fail<int>(new InvalidOperationException()).AddErrback(f => later);
        Defer.AssertNoResult(d);
        later.Callback(9);
        Assert.Equal(9, Defer.SuccessResultOf(d));
    }

    [Fact]
    public void AddCallbacks_Typed_ExactlyOneSideRuns()
    {
        var ok = Defer.Succeed(2).AddCallbacks(x => x * 10, f => -1);
        var bad = Defer.Fail<int>(new InvalidOperationException()).AddCallbacks(x => x * 10, f => -1);
        Assert.Equal(20, Defer.SuccessResultOf(ok));
        Assert.Equal(-1, Defer.SuccessResultOf(bad));
    }

    [Fact]
    public void AddBoth_Observer_SeesOutcomeAndPassesItOn()
    {
        var seen = new List<string>();
        var ok = Defer.Succeed(3).AddBoth((v, f) => seen.Add($"value {v} failure {f?.Type.Name ?? "none"}"));
        var bad = Defer.Fail<int>(new FormatException()).AddBoth((v, f) => seen.Add($"value {v} failure {f?.Type.Name ?? "none"}"));
        Assert.Equal(["value 3 failure none", "value 0 failure FormatException"], seen);
        Assert.Equal(3, Defer.SuccessResultOf(ok));
        Defer.FailureResultOf(bad, typeof(FormatException));
    }

    [Fact]
    public void TypedCallback_ChainValueOfAnotherType_InvalidCastOnErrbackPath()
    {
        var d = new Deferred<int>();
        d.AddBoth(_ => "not an int");
        var reached = false;
        var typed = d.AddCallback(x => { reached = true; return x; });
        d.Callback(1);
        var failure = Defer.FailureResultOf(typed, typeof(InvalidCastException));
        Assert.False(reached);
        Assert.Contains("Deferred<Int32>", failure.GetErrorMessage(), StringComparison.Ordinal);
        Assert.Contains("System.String", failure.GetErrorMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void TypedCallback_NullForValueType_InvalidCast()
    {
        var d = new Deferred<int>();
        d.AddBoth(_ => null);
        var typed = d.AddCallback(x => x);
        d.Callback(1);
        Defer.FailureResultOf(typed, typeof(InvalidCastException));
    }

    [Fact]
    public void TypedDeferred_UsableWhereDeferredIs()
    {
        var a = Defer.Succeed(1);
        var b = Defer.Succeed("two");
        Deferred[] both = [a, b];
        var outer = new Deferred();
        outer.AddCallback(_ => both[1]);
        outer.Callback(null);
        Assert.Equal("two", Defer.SuccessResultOf(outer));
    }

    [Fact]
    public void PauseAndCancel_ThroughHandle_AffectTheChain()
    {
        var d = new Deferred<int>();
        var s = d.AddCallback(x => x.ToString(System.Globalization.CultureInfo.InvariantCulture));
        s.Pause();
        Assert.True(d.Paused);
        d.Callback(1);
        Defer.AssertNoResult(s);
        s.Unpause();
        Assert.Equal("1", Defer.SuccessResultOf(s));

        var c = new Deferred<int>();
        var handle = c.AddCallback(x => x.ToString(System.Globalization.CultureInfo.InvariantCulture));
        handle.Cancel();
        Defer.FailureResultOf(c, typeof(CancelledError));
    }
}
