namespace Deferreds.Tests.Twisted.TestDefer;

/// <summary>Ports of test_defer.py's cancellation cases (§3.5 of the reference).</summary>
public sealed class CancellationTests
{
    private sealed class GenericError(string message) : Exception(message);

    private int _cancellerCalls;

    private void CountingCanceller(Deferred d) => _cancellerCalls++;

    [Fact]
    [Trait("Twisted", "test_noCanceller")]
    public void Cancel_NoCanceller_FailsWithCancelledError()
    {
        var d = new Deferred();
        var callbacks = 0;
        d.AddCallback(r => { callbacks++; return r; });
        d.Cancel();
        Defer.FailureResultOf(d, typeof(CancelledError));
        Assert.Equal(0, callbacks);
    }

    [Fact]
    [Trait("Twisted", "test_raisesAfterCancelAndCallback")]
    public void Cancel_NoCanceller_OneLateCallbackSwallowedThenAlreadyCalled()
    {
        var d = new Deferred();
        d.Cancel();
        d.Callback(null);
        Assert.Throws<AlreadyCalledError>(() => d.Callback(null));
        Assert.Throws<AlreadyCalledError>(() => d.Errback(new InvalidOperationException()));
    }

    [Fact]
    [Trait("Twisted", "test_raisesAfterCancelAndErrback")]
    public void Cancel_NoCanceller_OneLateErrbackSwallowedThenAlreadyCalled()
    {
        var d = new Deferred();
        d.Cancel();
        d.Errback(new InvalidOperationException());
        Assert.Throws<AlreadyCalledError>(() => d.Callback(null));
    }

    [Fact]
    [Trait("Twisted", "test_noCancellerMultipleCancelsAfterCancelAndErrback")]
    public void Cancel_RepeatedAfterSwallowedErrback_KeepsTheSameFailure()
    {
        var d = new Deferred();
        d.Cancel();
        var first = d.Result;
        d.Errback(new GenericError("late"));
        d.Cancel();
        Assert.Same(first, d.Result);
        Assert.IsType<CancelledError>(((Failure)first!).Value);
    }

    [Fact]
    [Trait("Twisted", "test_noCancellerMultipleCancel")]
    public void Cancel_Twice_NoCanceller_SecondHasNoEffect()
    {
        var d = new Deferred();
        d.Cancel();
        var first = d.Result;
        d.Cancel();
        Assert.Same(first, d.Result);
    }

    [Fact]
    [Trait("Twisted", "test_cancellerMultipleCancel")]
    public void Cancel_Twice_CancellerCalledOnce()
    {
        var d = new Deferred(CountingCanceller);
        d.Cancel();
        var first = d.Result;
        d.Cancel();
        Assert.Equal(1, _cancellerCalls);
        Assert.Same(first, d.Result);
    }

    [Fact]
    [Trait("Twisted", "test_simpleCanceller")]
    public void Cancel_CancellerDoesNotFire_CancelledErrorAndLateFireRaises()
    {
        var d = new Deferred(CountingCanceller);
        d.Cancel();
        Assert.Equal(1, _cancellerCalls);
        Assert.IsType<CancelledError>(((Failure)d.Result!).Value);
        Assert.Throws<AlreadyCalledError>(() => d.Callback(null));
        Assert.Throws<AlreadyCalledError>(() => d.Errback(new InvalidOperationException()));
        Defer.FailureResultOf(d, typeof(CancelledError));
    }

    [Fact]
    [Trait("Twisted", "test_cancellerArg")]
    public void Cancel_CancellerReceivesTheDeferred()
    {
        Deferred? received = null;
        var d = new Deferred(x => received = x);
        d.Cancel();
        Assert.Same(d, received);
        Defer.FailureResultOf(d, typeof(CancelledError));
    }

    [Fact]
    [Trait("Twisted", "test_cancelAfterCallback")]
    public void Cancel_AfterCallback_NoOp()
    {
        var d = new Deferred(CountingCanceller);
        d.Callback("biff!");
        d.Cancel();
        Assert.Equal(0, _cancellerCalls);
        Assert.Equal("biff!", Defer.SuccessResultOf(d));
    }

    [Fact]
    [Trait("Twisted", "test_cancelAfterErrback")]
    public void Cancel_AfterErrback_NoOp()
    {
        var d = new Deferred(CountingCanceller);
        d.Errback(new GenericError("x"));
        d.Cancel();
        Assert.Equal(0, _cancellerCalls);
        Defer.FailureResultOf(d, typeof(GenericError));
    }

    [Fact]
    [Trait("Twisted", "test_cancellerThatErrbacks")]
    public void Cancel_CancellerErrbacks_ThatFailureWins()
    {
        var d = new Deferred(x => x.Errback(new GenericError("test")));
        d.Cancel();
        Defer.FailureResultOf(d, typeof(GenericError));
    }

    [Fact]
    [Trait("Twisted", "test_cancellerThatCallbacks")]
    public void Cancel_CancellerCallbacks_ThatResultWins()
    {
        var d = new Deferred(x => x.Callback("hello!"));
        d.Cancel();
        Assert.Equal("hello!", Defer.SuccessResultOf(d));
    }

    [Fact]
    [Trait("Twisted", "test_cancelNestedDeferred")]
    public void Cancel_WaitingOnInner_CancelsInnerNotOwnCanceller()
    {
        var a = new Deferred(_ => throw new InvalidOperationException("a's canceller must not be called"));
        var b = new Deferred(CountingCanceller);
        a.Callback(null);
        a.AddCallback(_ => b);
        a.Cancel();
        var errors = new List<Failure>();
        a.AddCallbacks(r => throw new InvalidOperationException("unexpected success"), f => { errors.Add(f); return null; });
        Assert.Equal(1, _cancellerCalls);
        Assert.IsType<CancelledError>(Assert.Single(errors).Value);
    }

    [Fact]
    public void Cancel_CancellerThrows_ExceptionPropagatesAndDeferredStaysUnfired()
    {
        var d = new Deferred(_ => throw new InvalidOperationException("canceller broke"));
        var e = Assert.Throws<InvalidOperationException>(d.Cancel);
        Assert.Equal("canceller broke", e.Message);
        Assert.False(d.Called);
        d.Callback(3);
        Assert.Equal(3, Defer.SuccessResultOf(d));
    }

    [Fact]
    public void Cancel_ChainDeferredTarget_CancelsOnlyTargetAndSwallowsSourceResult()
    {
        var a = new Deferred();
        var b = new Deferred();
        b.ChainDeferred(a);
        a.Cancel();
        Defer.FailureResultOf(a, typeof(CancelledError));
        Assert.False(b.Called);
        b.Callback(1);
        Assert.Null(Defer.SuccessResultOf(b));
    }

    [Fact]
    public void Cancel_UserPausedUnfired_FiresButRunsNothingUntilUnpaused()
    {
        var d = new Deferred();
        var errors = new List<Failure>();
        d.AddErrback(f => { errors.Add(f); return null; });
        d.Pause();
        d.Cancel();
        Assert.True(d.Called);
        Assert.Empty(errors);
        d.Unpause();
        Assert.IsType<CancelledError>(Assert.Single(errors).Value);
    }

    [Fact]
    public void Cancel_TypedDeferred_CancellerReceivesTypedDeferred()
    {
        Deferred<int>? received = null;
        var d = new Deferred<int>(x => { received = x; x.Callback(5); });
        d.Cancel();
        Assert.Same(d, received);
        Assert.Equal(5, Defer.SuccessResultOf(d));
    }
}
