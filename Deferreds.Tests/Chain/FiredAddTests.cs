namespace Deferreds.Tests.Chain;

/// <summary>
/// Adding to a fired, idle Deferred runs the new entry at once without queueing it (the engine's fast path):
/// it must behave exactly like a queued entry, also when the callback re-enters the chain.
/// </summary>
public sealed class FiredAddTests
{
    [Fact]
    public void AddCallback_OnFired_RunsNowWithCurrentResult()
    {
        var d = new Deferred();
        d.Callback(1);
        var seen = new List<object?>();
        d.AddCallback(r => { seen.Add(r); return (int)r! + 1; });
        d.AddErrback(f => { seen.Add("errback"); return f; });
        d.AddBoth(r => { seen.Add(r); return r; });
        Assert.Equal([1, 2], seen);
        Assert.Equal(2, d.Result);
    }

    [Fact]
    public void AddCallback_FromInsideFiredAddCallback_RunsAfterItReturns()
    {
        var d = new Deferred();
        d.Callback(0);
        var order = new List<string>();
        d.AddCallback(r =>
        {
            order.Add("outer start");
            d.AddCallback(inner => { order.Add("inner " + inner); return "inner"; });
            order.Add("outer end");
            return "outer";
        });
        Assert.Equal(["outer start", "outer end", "inner outer"], order);
        Assert.Equal("inner", d.Result);
    }

    [Fact]
    public void Pause_InsideFiredAddCallback_StopsLaterAddsUntilUnpause()
    {
        var d = new Deferred();
        d.Callback(0);
        d.AddCallback(r => { d.Pause(); return 1; });
        Assert.True(d.Paused);
        var ran = false;
        d.AddCallback(r => { ran = true; return (int)r! + 1; });
        Assert.False(ran);
        Assert.Equal(1, d.Result);
        d.Unpause();
        Assert.True(ran);
        Assert.Equal(2, d.Result);
    }

    [Fact]
    public void AddCallback_OnFiredReturningUnfired_WaitsThenContinues()
    {
        var d = new Deferred();
        d.Callback(0);
        var inner = new Deferred();
        d.AddCallback(_ => inner);
        Assert.True(d.Paused);
        Assert.Same(inner, d.Result);
        var after = new List<object?>();
        d.AddCallback(r => { after.Add(r); return r; });
        Assert.Empty(after);
        inner.Callback("inner");
        Assert.Equal(["inner"], after);
        Assert.False(d.Paused);
        Assert.Equal("inner", d.Result);
        Assert.Null(inner.Result);
    }

    [Fact]
    public void ChainDeferred_OnFired_FiresTargetNowAndContinuesWithNull()
    {
        var d = new Deferred();
        d.Callback("value");
        var target = new Deferred();
        var seen = new List<object?>();
        target.AddCallback(r => { seen.Add(r); return r; });
        d.ChainDeferred(target);
        Assert.Equal(["value"], seen);
        Assert.Null(d.Result);
    }

    [Fact]
    public void AddCallback_OnFiredWhoseCallbackFiresAnother_NestsThatRun()
    {
        var d = new Deferred();
        d.Callback(0);
        var other = new Deferred();
        var order = new List<string>();
        other.AddCallback(r => { order.Add("other"); return r; });
        d.AddCallback(r =>
        {
            order.Add("before");
            other.Callback(1);
            order.Add("after");
            return r;
        });
        Assert.Equal(["before", "other", "after"], order);
    }

    [Fact]
    public void AddCallback_OnFiredThrowing_PutsChainOnErrbackPath()
    {
        var d = new Deferred();
        d.Callback(0);
        d.AddCallback(_ => throw new InvalidOperationException("boom"));
        Failure? failure = null;
        d.AddErrback(f => { failure = f; return null; });
        Assert.IsType<InvalidOperationException>(failure!.Value);
        Assert.Null(d.Result);
    }

    [Fact]
    public void TypedAddCallbacks_OnFiredFailure_RunsTypedErrback()
    {
        var d = new Deferred<int>();
        d.Errback(new InvalidOperationException("x"));
        var handled = d.AddCallbacks(v => "value " + v, f => "errback " + f.Value.Message);
        Assert.Equal("errback x", handled.Result);
        var typedErrbackSkipped = new Deferred<int>();
        typedErrbackSkipped.Callback(3);
        Assert.Equal(3, typedErrbackSkipped.AddErrback(_ => -1).Result);
    }

    [Fact]
    public void Callback_EmptyPausedDeferred_RunsNothingUntilUnpause()
    {
        var d = new Deferred();
        d.Pause();
        d.Callback(1);
        var seen = new List<object?>();
        d.AddCallback(r => { seen.Add(r); return r; });
        Assert.Empty(seen);
        d.Unpause();
        Assert.Equal([1], seen);
    }

    [Fact]
    public void Callback_EmptyChainDeferredTarget_FiredDirectly_NoLongerWaiting()
    {
        var source = new Deferred();
        var target = new Deferred();
        source.ChainDeferred(target);
        target.Callback(2);
        Assert.EndsWith("current result: 2>", target.ToString(), StringComparison.Ordinal);
    }
}
