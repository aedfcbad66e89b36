namespace Deferreds.Tests.Twisted.TestDefer;

/// <summary>Ports of test_defer.py's maybeDeferred cases.</summary>
public sealed class MaybeDeferredTests
{
    [Fact]
    [Trait("Twisted", "test_maybeDeferredSync")]
    public void MaybeDeferred_Value_SucceedsWithIt()
    {
        var value = new object();
        Assert.Same(value, Defer.SuccessResultOf(Defer.MaybeDeferred(() => value)));
    }

    [Fact]
    [Trait("Twisted", "test_maybeDeferredSyncWithArgs")]
    public void MaybeDeferred_Typed_SucceedsWithValue()
    {
        static int PlusFive(int x) => x + 5;
        Deferred<int> d = Defer.MaybeDeferred(() => PlusFive(10));
        Assert.Equal(15, Defer.SuccessResultOf(d));
    }

    [Fact]
    [Trait("Twisted", "test_maybeDeferredSyncException")]
    public void MaybeDeferred_Throws_FailsWithTheSameException()
    {
        var error = new FormatException("bad input");
        var d = Defer.MaybeDeferred(object? () => throw error);
        Assert.Same(error, Defer.FailureResultOf(d, typeof(FormatException)).Value);
    }

    [Fact]
    [Trait("Twisted", "test_maybeDeferredSyncFailure")]
    public void MaybeDeferred_ReturnsFailure_ErrbackGetsThatFailure()
    {
        var failure = new Failure(new InvalidOperationException());
        var d = Defer.MaybeDeferred(() => (object)failure);
        Assert.Same(failure, Defer.FailureResultOf(d));
    }

    [Fact]
    [Trait("Twisted", "test_maybeDeferredAsync")]
    public void MaybeDeferred_ReturnsDeferred_ReturnsTheSameDeferred()
    {
        var d1 = new Deferred();
        var d2 = Defer.MaybeDeferred(() => d1);
        Assert.Same(d1, d2);
        d1.Callback("Success");
        Assert.Equal("Success", Defer.SuccessResultOf(d2));
    }

    [Fact]
    [Trait("Twisted", "test_maybeDeferredAsyncError")]
    public void MaybeDeferred_ReturnsDeferredThatFails_FailureSeen()
    {
        var d1 = new Deferred();
        var d2 = Defer.MaybeDeferred(() => d1);
        d1.Errback(new InvalidOperationException());
        Defer.FailureResultOf(d2, typeof(InvalidOperationException));
    }

    [Fact]
    public void MaybeDeferred_TypedDeferred_ReturnsTheSameHandle()
    {
        var d1 = new Deferred<int>();
        Deferred<int> d2 = Defer.MaybeDeferred(() => d1);
        Assert.Same(d1, d2);
    }

    [Fact]
    public void MaybeDeferred_TypedThrows_FailedTypedDeferred()
    {
        Deferred<int> d = Defer.MaybeDeferred(int () => throw new InvalidOperationException("x"));
        Defer.FailureResultOf(d, typeof(InvalidOperationException));
    }

    [Fact]
    public void MaybeDeferred_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => Defer.MaybeDeferred((Func<object?>)null!));
    }
}
