namespace Deferreds.Tests.Twisted.TestDefer;

/// <summary>Ports of test_defer.py's DeferredSemaphore cases (OtherPrimitivesTests; scenarios 91, 92 of the reference).</summary>
public sealed class SemaphoreTests
{
    private int _counter;

    private object? Increment(object? result)
    {
        _counter++;
        return result;
    }

    [Fact]
    [Trait("Twisted", "testSemaphore")]
    public void Semaphore_RunAcquireCancelRelease_FollowTwisted()
    {
        const int N = 13;
        var semaphore = new DeferredSemaphore(N);
        var control = new Deferred();
        object? helperArgument = null;
        var unique = new object();
        var results = new List<object?>();

        var resultDeferred = semaphore.Run(() =>
        {
            helperArgument = unique;
            return control;
        });
        resultDeferred.AddCallback(r => { results.Add(r); return r; });
        resultDeferred.AddCallback(Increment);
        Assert.Empty(results);
        Assert.Same(unique, helperArgument);
        control.Callback(null);
        Assert.Equal([null], results);
        Assert.Equal(1, _counter);
        Assert.Equal(N, semaphore.Tokens);

        _counter = 0;
        for (var i = 1; i <= N; i++)
        {
            ((Deferred)semaphore.Acquire()).AddCallback(Increment);
            Assert.Equal(i, _counter);
        }
        Assert.Equal(0, semaphore.Tokens);

        var outcome = new List<bool>();
        var d = ((Deferred)semaphore.Acquire()).AddCallbacks(r => { outcome.Add(false); return r; }, f => { outcome.Add(true); return null; });
        d.Cancel();
        Assert.Equal([true], outcome);

        ((Deferred)semaphore.Acquire()).AddCallback(Increment);
        Assert.Equal(N, _counter);
        Assert.Equal(1, semaphore.Waiting);

        semaphore.Release();
        Assert.Equal(N + 1, _counter);

        for (var i = 1; i <= N; i++)
        {
            semaphore.Release();
            Assert.Equal(N + 1, _counter);
        }
        Assert.Equal(N, semaphore.Tokens);
        Assert.Equal(N, semaphore.Limit);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [Trait("Twisted", "test_semaphoreInvalidTokens")]
    public void Constructor_TokensBelowOne_Throws(int tokens)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new DeferredSemaphore(tokens));
        Assert.Contains("DeferredSemaphore requires tokens >= 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Twisted", "test_cancelSemaphoreAfterAcquired")]
    public void Cancel_GrantedAcquire_NoEffect()
    {
        var semaphore = new DeferredSemaphore(1);
        var d = semaphore.Acquire();
        var errbacks = 0;
        d.AddErrback(f => { errbacks++; return f; });
        d.Cancel();
        Assert.Equal(0, errbacks);
        Assert.Equal(0, semaphore.Tokens);
    }

    [Fact]
    [Trait("Twisted", "test_cancelSemaphoreBeforeAcquired")]
    public void Cancel_WaitingAcquire_FailsWithCancelledError()
    {
        var semaphore = new DeferredSemaphore(1);
        semaphore.Acquire();
        var d = semaphore.Acquire();
        d.Cancel();
        Defer.FailureResultOf(d, typeof(CancelledError));
        Assert.Equal(0, semaphore.Waiting);
        semaphore.Release();
        Assert.Equal(1, semaphore.Tokens);
    }

    [Fact]
    public void Release_TooManyTimes_ThrowsInvalidOperation()
    {
        var semaphore = new DeferredSemaphore(2);
        var error = Assert.Throws<InvalidOperationException>(semaphore.Release);
        Assert.Contains("too many tokens", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Twisted", "test_asyncWithSemaphore")]
    public void Run_Nested_TokensCountDownAndBackUp()
    {
        var semaphore = new DeferredSemaphore(3);
        var inner = new Deferred();
        var seen = new List<int>();
        var outer = semaphore.Run(() =>
        {
            seen.Add(semaphore.Tokens);
            return semaphore.Run(() =>
            {
                seen.Add(semaphore.Tokens);
                return inner;
            });
        });
        Assert.Equal([2, 1], seen);
        inner.Callback("x");
        Assert.Equal("x", Defer.SuccessResultOf(outer));
        Assert.Equal(3, semaphore.Tokens);
    }
}
