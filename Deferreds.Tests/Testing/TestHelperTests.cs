namespace Deferreds.Tests.Testing;

/// <summary>Defer.SuccessResultOf / FailureResultOf / AssertNoResult behave like trial's helpers.</summary>
public sealed class TestHelperTests
{
    [Fact]
    public void SuccessResultOf_Fired_ReturnsValueAndConsumesIt()
    {
        var d = Defer.Succeed("x");
        Assert.Equal("x", Defer.SuccessResultOf(d));
        Assert.Null(d.Result);
    }

    [Fact]
    public void SuccessResultOf_Unfired_ThrowsNamingTheDeferred()
    {
        var d = new Deferred();
        var e = Assert.Throws<DeferredAssertionException>(() => Defer.SuccessResultOf(d));
        Assert.StartsWith("Success result expected on <Deferred at 0x", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("found no result instead.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SuccessResultOf_Failed_ThrowsWithTraceback()
    {
        var e = Assert.Throws<DeferredAssertionException>(() => Defer.SuccessResultOf(Defer.Fail(new FormatException("bad"))));
        Assert.Contains("found failure result instead", e.Message, StringComparison.Ordinal);
        Assert.Contains("bad", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SuccessResultOf_Typed_ReturnsTypedValue()
    {
        int value = Defer.SuccessResultOf(Defer.Succeed(5));
        Assert.Equal(5, value);
    }

    [Fact]
    public void FailureResultOf_ExpectedType_ReturnsFailureAndHandlesIt()
    {
        var d = Defer.Fail(new FormatException("f"));
        var failure = Defer.FailureResultOf(d, typeof(ArgumentException), typeof(FormatException));
        Assert.IsType<FormatException>(failure.Value);
        Assert.Null(d.Result);
    }

    [Fact]
    public void FailureResultOf_WrongType_Throws()
    {
        var e = Assert.Throws<DeferredAssertionException>(() => Defer.FailureResultOf(Defer.Fail(new FormatException()), typeof(ArgumentException)));
        Assert.Contains("Failure of type (System.ArgumentException) expected", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FailureResultOf_Success_Throws()
    {
        var e = Assert.Throws<DeferredAssertionException>(() => Defer.FailureResultOf(Defer.Succeed(1)));
        Assert.Contains("found success result (1) instead", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AssertNoResult_Unfired_PassesAndLeavesDeferredUntouched()
    {
        var d = new Deferred();
        Defer.AssertNoResult(d);
        d.Callback("later");
        Assert.Equal("later", d.Result);
    }

    [Fact]
    public void AssertNoResult_Waiting_Passes()
    {
        var d = new Deferred();
        d.AddCallback(_ => new Deferred());
        d.Callback(null);
        Defer.AssertNoResult(d);
    }

    [Fact]
    public void AssertNoResult_HasFailure_ThrowsAndSwallowsIt()
    {
        var d = Defer.Fail(new FormatException());
        Assert.Throws<DeferredAssertionException>(() => Defer.AssertNoResult(d));
        Assert.Null(d.Result);
    }
}
