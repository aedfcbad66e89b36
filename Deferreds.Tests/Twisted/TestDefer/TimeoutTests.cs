using static Deferreds.Defer;

namespace Deferreds.Tests.Twisted.TestDefer;

/// <summary>Ports of twisted.test.test_defer.DeferredAddTimeoutTests (reference scenarios 96–105).</summary>
public sealed class TimeoutTests
{
    private static readonly TimeSpan Ten = TimeSpan.FromSeconds(10);

    private static object? OverrideFunc(object? result, TimeSpan timeout) => "OVERRIDDEN";

    [Fact]
    [Trait("Twisted", "test_timeoutChainable")]
    public void AddTimeout_ReturnsSelf_Chainable()
    {
        var d = new Deferred();
        Assert.Same(d, d.AddTimeout(TimeSpan.FromSeconds(5), new Clock()));
        d.AddCallback(_ => "done");
        d.Callback(null);
        Assert.Equal("done", SuccessResultOf(d));
    }

    [Theory]
    [Trait("Twisted", "test_successResultBeforeTimeout")]
    [Trait("Twisted", "test_successResultBeforeTimeoutCustom")]
    [InlineData(false)]
    [InlineData(true)]
    public void AddTimeout_SuccessBeforeTimeout_InnerNeverCancelled(bool custom)
    {
        var clock = new Clock();
        var d = new Deferred();
        d.AddTimeout(Ten, clock, custom ? OverrideFunc : null);
        var inner = new Deferred();
        object? seen = null;
        d.AddCallback(r =>
        {
            seen = r;
            return inner;
        });
        d.Callback("results");
        Assert.Equal("results", seen);
        Assert.Empty(clock.GetDelayedCalls());
        clock.Advance(15);
        AssertNoResult(inner);
    }

    [Theory]
    [Trait("Twisted", "test_failureBeforeTimeout")]
    [Trait("Twisted", "test_failureBeforeTimeoutCustom")]
    [InlineData(false)]
    [InlineData(true)]
    public void AddTimeout_FailureBeforeTimeout_InnerNeverCancelled(bool custom)
    {
        var clock = new Clock();
        var d = new Deferred();
        d.AddTimeout(Ten, clock, custom ? OverrideFunc : null);
        var inner = new Deferred();
        Failure? seen = null;
        var error = new InvalidOperationException("fail");
        d.AddErrback(f =>
        {
            seen = f;
            return inner;
        });
        d.Errback(error);
        Assert.NotNull(seen);
        Assert.Same(error, seen.Value);
        clock.Advance(15);
        AssertNoResult(inner);
    }

    [Fact]
    [Trait("Twisted", "test_timedOut")]
    public void AddTimeout_TimesOut_FailsWithTimeoutError()
    {
        var clock = new Clock();
        var d = new Deferred();
        d.AddTimeout(Ten, clock);
        AssertNoResult(d);
        clock.Advance(15);
        var failure = FailureResultOf(d, typeof(TimeoutError));
        var error = Assert.IsType<TimeoutError>(failure.Value);
        Assert.Equal(Ten, error.Timeout);
        Assert.Equal("Deferred", error.What);
    }

    [Fact]
    [Trait("Twisted", "test_timedOutCustom")]
    public void AddTimeout_TimesOutWithCustomFunction_SucceedsWithItsValue()
    {
        var clock = new Clock();
        var d = new Deferred();
        d.AddTimeout(Ten, clock, OverrideFunc);
        AssertNoResult(d);
        clock.Advance(15);
        Assert.Equal("OVERRIDDEN", SuccessResultOf(d));
    }

    [Fact]
    [Trait("Twisted", "test_timedOutProvidedCancelSuccess")]
    public void AddTimeout_CancellerCallsBack_ThatValueWins()
    {
        var clock = new Clock();
        var d = new Deferred(c => c.Callback("I was cancelled!"));
        d.AddTimeout(Ten, clock);
        AssertNoResult(d);
        clock.Advance(15);
        Assert.Equal("I was cancelled!", SuccessResultOf(d));
    }

    [Fact]
    [Trait("Twisted", "test_timedOutProvidedCancelFailure")]
    public void AddTimeout_CancellerErrbacks_ThatFailureWins()
    {
        var clock = new Clock();
        var error = new ArgumentException("what!");
        var d = new Deferred(c => c.Errback(error));
        d.AddTimeout(Ten, clock);
        AssertNoResult(d);
        clock.Advance(15);
        Assert.Same(error, FailureResultOf(d, typeof(ArgumentException)).Value);
    }

    [Theory]
    [Trait("Twisted", "test_cancelBeforeTimeout")]
    [Trait("Twisted", "test_cancelBeforeTimeoutCustom")]
    [InlineData(false)]
    [InlineData(true)]
    public void AddTimeout_ManualCancelBeforeTimeout_KeepsCancelledError(bool custom)
    {
        var clock = new Clock();
        var d = new Deferred();
        d.AddTimeout(Ten, clock, custom ? OverrideFunc : null);
        var inner = new Deferred();
        Failure? seen = null;
        d.AddErrback(f =>
        {
            seen = f;
            return inner;
        });
        d.Cancel();
        Assert.NotNull(seen);
        Assert.IsType<CancelledError>(seen.Value);
        Assert.Empty(clock.GetDelayedCalls());
        clock.Advance(15);
        AssertNoResult(inner);
    }

    [Fact]
    [Trait("Twisted", "test_providedCancelCalledBeforeTimeoutCustom")]
    public void AddTimeout_CancellerErrbacksWithCustomFunction_CustomValueWins()
    {
        var clock = new Clock();
        var d = new Deferred(c => c.Errback(new ArgumentException("what!")));
        d.AddTimeout(Ten, clock, OverrideFunc);
        AssertNoResult(d);
        clock.Advance(15);
        Assert.Equal("OVERRIDDEN", SuccessResultOf(d));
    }

    [Fact]
    [Trait("Twisted", "test_errbackAddedBeforeTimeout")]
    public void AddTimeout_ErrbackAddedBefore_SeesCancelledErrorThenTimeoutError()
    {
        var clock = new Clock();
        var d = new Deferred();
        Failure? seen = null;
        d.AddErrback(f =>
        {
            seen = f;
            return f;
        });
        d.AddTimeout(Ten, clock);
        clock.Advance(15);
        Assert.IsType<CancelledError>(seen?.Value);
        FailureResultOf(d, typeof(TimeoutError));
    }

    [Fact]
    [Trait("Twisted", "test_errbackAddedBeforeTimeoutSuppressesCancellation")]
    public void AddTimeout_ErrbackAddedBeforeTrapsCancellation_Succeeds()
    {
        var clock = new Clock();
        var d = new Deferred();
        Failure? seen = null;
        d.AddErrback(f =>
        {
            seen = f;
            f.Trap(typeof(CancelledError));
            return null;
        });
        d.AddTimeout(Ten, clock);
        clock.Advance(15);
        Assert.IsType<CancelledError>(seen?.Value);
        Assert.Null(SuccessResultOf(d));
    }

    [Theory]
    [Trait("Twisted", "test_errbackAddedBeforeTimeoutCustom")]
    [Trait("Twisted", "test_errbackAddedBeforeTimeoutSuppressesCancellationCustom")]
    [InlineData(false)]
    [InlineData(true)]
    public void AddTimeout_ErrbackAddedBeforeWithCustomFunction_CustomValueWins(bool suppress)
    {
        var clock = new Clock();
        var d = new Deferred();
        Failure? seen = null;
        d.AddErrback(f =>
        {
            seen = f;
            return suppress ? null : f;
        });
        d.AddTimeout(Ten, clock, OverrideFunc);
        clock.Advance(15);
        Assert.IsType<CancelledError>(seen?.Value);
        Assert.Equal("OVERRIDDEN", SuccessResultOf(d));
    }

    [Fact]
    [Trait("Twisted", "test_callbackAddedToCancelerBeforeTimeout")]
    public void AddTimeout_CallbackAddedBeforeAndCancellerSucceeds_ResultIsCancellersValue()
    {
        var clock = new Clock();
        var success = "success";
        var d = new Deferred(c => c.Callback(success));
        object? seen = null;
        d.AddCallback(v =>
        {
            seen = v;
            return v;
        });
        d.AddTimeout(Ten, clock);
        clock.Advance(15);
        Assert.Same(success, seen);
        Assert.Same(success, SuccessResultOf(d));
    }

    [Fact]
    [Trait("Twisted", "test_callbackAddedToCancelerBeforeTimeoutCustom")]
    public void AddTimeout_CallbackAddedBeforeAndCancellerSucceedsWithCustomFunction_CustomValueWins()
    {
        var clock = new Clock();
        var d = new Deferred(c => c.Callback("success"));
        object? seen = null;
        d.AddCallback(v =>
        {
            seen = v;
            return v;
        });
        d.AddTimeout(Ten, clock, OverrideFunc);
        clock.Advance(15);
        Assert.Equal("success", seen);
        Assert.Equal("OVERRIDDEN", SuccessResultOf(d));
    }
}
