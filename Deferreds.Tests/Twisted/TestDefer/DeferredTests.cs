namespace Deferreds.Tests.Twisted.TestDefer;

/// <summary>Ports of test_defer.py's DeferredTests: basic chains, result passing, pause.</summary>
public sealed class DeferredTests
{
    private sealed class GenericError(string message) : Exception(message);

    private readonly List<object?> _callbackResults = [];
    private readonly List<Failure> _errbackResults = [];

    private object? RecordCallback(object? result)
    {
        _callbackResults.Add(result);
        return result;
    }

    private object? RecordErrback(Failure failure)
    {
        _errbackResults.Add(failure);
        return failure;
    }

    [Fact]
    [Trait("Twisted", "testCallbackWithoutArgs")]
    public void Callback_WithResult_CallbackReceivesItOnce()
    {
        var d = new Deferred();
        d.AddCallback(RecordCallback);
        d.Callback("hello");
        Assert.Equal(["hello"], _callbackResults);
        Assert.Empty(_errbackResults);
    }

    [Fact]
    [Trait("Twisted", "testTwoCallbacks")]
    public void Callback_TwoCallbacks_EachReceivesThePreviousReturn()
    {
        var d = new Deferred();
        d.AddCallback(r => r);
        d.AddCallback(RecordCallback);
        d.Callback("hello");
        Assert.Equal(["hello"], _callbackResults);
    }

    [Fact]
    [Trait("Twisted", "test_addCallbacksNoneErrback")]
    public void AddCallbacks_NullErrback_PassesFailureThrough()
    {
        var error = new GenericError("oopsie");
        var d = new Deferred();
        d.AddCallbacks(r => throw new InvalidOperationException("callback must not run"), null);
        d.Errback(error);
        d.AddErrback(RecordErrback);
        var failure = Assert.Single(_errbackResults);
        Assert.Same(error, failure.Value);
        Assert.Empty(_callbackResults);
    }

    [Fact]
    [Trait("Twisted", "testImmediateSuccess")]
    public void Succeed_AddCallback_RunsSynchronously()
    {
        Defer.Succeed("success").AddCallback(RecordCallback);
        Assert.Equal(["success"], _callbackResults);
    }

    [Fact]
    [Trait("Twisted", "testImmediateFailure")]
    public void Fail_AddErrback_RunsSynchronously()
    {
        Defer.Fail(new GenericError("fail")).AddErrback(RecordErrback);
        Assert.Equal("fail", Assert.Single(_errbackResults).GetErrorMessage());
    }

    [Fact]
    [Trait("Twisted", "testPausedFailure")]
    public void Pause_FailedDeferred_ErrbackWaitsForUnpause()
    {
        var d = Defer.Fail(new GenericError("fail"));
        d.Pause();
        d.AddErrback(RecordErrback);
        Assert.Empty(_errbackResults);
        d.Unpause();
        Assert.Equal("fail", Assert.Single(_errbackResults).GetErrorMessage());
    }

    [Fact]
    [Trait("Twisted", "testCallbackErrors")]
    public void Callback_CallbackThrowsOrReturnsFailure_NextErrbackGetsIt()
    {
        var thrown = new Deferred();
        thrown.AddCallback(_ => throw new DivideByZeroException()).AddErrback(RecordErrback);
        thrown.Callback(1);
        var returned = new Deferred();
        returned.AddCallback(_ => new Failure(new DivideByZeroException())).AddErrback(RecordErrback);
        returned.Callback(1);
        Assert.Equal(2, _errbackResults.Count);
        Assert.All(_errbackResults, f => Assert.IsType<DivideByZeroException>(f.Value));
    }

    [Fact]
    [Trait("Twisted", "test_callbackMaybeReturnsFailure")]
    public void Callback_ReturnsFailureTwice_SecondCallbackSkipped()
    {
        var error = new InvalidOperationException("rte");
        var calls = 0;
        var d = new Deferred();
        d.AddCallback(_ => { calls++; return new Failure(error); });
        d.AddCallback(_ => { calls++; return new Failure(error); });
        d.Callback(6);
        Assert.Equal(1, calls);
        Assert.Same(error, Defer.FailureResultOf(d).Value);

        var ok = new Deferred();
        ok.AddCallback(r => (int)r! + 1);
        ok.Callback(6);
        Assert.Equal(7, Defer.SuccessResultOf(ok));
    }

    [Fact]
    [Trait("Twisted", "testUnpauseBeforeCallback")]
    public void Unpause_BeforeFiring_CallbackNotCalled()
    {
        var d = new Deferred();
        d.Pause();
        d.AddCallback(RecordCallback);
        d.Unpause();
        Assert.Empty(_callbackResults);
        Assert.False(d.Called);
    }

    [Fact]
    public void AddErrback_ReturnsValue_RecoversToCallbackPath()
    {
        var order = new List<string>();
        var d = Defer.Fail(new KeyNotFoundException());
        d.AddCallbacks(r => { order.Add("cb1"); return r; }, f => { order.Add("eb1"); return "rec"; });
        d.AddCallbacks(r => { order.Add($"cb2({r})"); return r; }, f => { order.Add("eb2"); return f; });
        Assert.Equal(["eb1", "cb2(rec)"], order);
    }

    [Fact]
    public void AddCallbacks_CallbackSideThrows_ItsOwnErrbackIsSkipped()
    {
        var order = new List<string>();
        var d = new Deferred();
        d.AddCallbacks(_ => throw new InvalidOperationException("x"), f => { order.Add("same pair"); return null; });
        d.AddErrback(f => { order.Add("next"); return null; });
        d.Callback(1);
        Assert.Equal(["next"], order);
    }

    [Fact]
    [Trait("Twisted", "test_reentrantRunCallbacks")]
    public void AddCallback_FromInsideCallback_RunsAfterQueuedOnes()
    {
        var d = new Deferred();
        var called = new List<int>();
        d.AddCallback(r =>
        {
            called.Add(1);
            d.AddCallback(r2 => { called.Add(3); return r2; });
            return r;
        });
        d.AddCallback(r => { called.Add(2); return r; });
        d.Callback(null);
        Assert.Equal([1, 2, 3], called);
    }

    [Fact]
    [Trait("Twisted", "test_nonReentrantCallbacks")]
    public void AddCallback_FromInsideCallback_DoesNotRunImmediately()
    {
        var d = new Deferred();
        var called = new List<int>();
        d.AddCallback(r =>
        {
            called.Add(1);
            d.AddCallback(r2 => { called.Add(2); return r2; });
            Assert.Equal([1], called);
            return r;
        });
        d.Callback(null);
        Assert.Equal([1, 2], called);
    }

    [Fact]
    [Trait("Twisted", "test_reentrantRunCallbacksWithFailure")]
    public void AddCallback_FromInsideCallbackThatThrows_ResultIsThatFailure()
    {
        var d = new Deferred();
        d.AddCallback(r =>
        {
            d.AddCallback(_ => throw new InvalidOperationException("callback raised exception"));
            return r;
        });
        d.Callback(null);
        Assert.Equal("callback raised exception", Defer.FailureResultOf(d, typeof(InvalidOperationException)).GetErrorMessage());
    }

    [Fact]
    public void Pause_InsideOwnCallback_QueuedCallbacksStillRunLaterOnesWait()
    {
        var d = new Deferred();
        var order = new List<string>();
        d.AddCallback(r => { d.Pause(); order.Add("cb1"); return r; });
        d.AddCallback(r => { order.Add("cb2"); return r; });
        d.Callback(1);
        Assert.Equal(["cb1", "cb2"], order);
        Assert.True(d.Paused);
        d.AddCallback(r => { order.Add("cb3"); return r; });
        Assert.Equal(["cb1", "cb2"], order);
        d.Unpause();
        Assert.Equal(["cb1", "cb2", "cb3"], order);
    }

    [Fact]
    public void Pause_Twice_NeedsTwoUnpauses()
    {
        var d = new Deferred();
        d.AddCallback(RecordCallback);
        d.Pause();
        d.Pause();
        d.Callback(1);
        d.Unpause();
        Assert.Empty(_callbackResults);
        d.Unpause();
        Assert.Equal([1], _callbackResults);
    }
}
