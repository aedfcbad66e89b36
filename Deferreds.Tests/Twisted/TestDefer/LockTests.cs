namespace Deferreds.Tests.Twisted.TestDefer;

/// <summary>Ports of test_defer.py's DeferredLock cases (OtherPrimitivesTests; scenarios 90, 91, 95 of the reference).</summary>
public sealed class LockTests
{
    private int _counter;

    private object? Increment(object? result)
    {
        _counter++;
        return result;
    }

    [Fact]
    [Trait("Twisted", "testLock")]
    public void Lock_AcquireReleaseRunAndCancel_FollowTwisted()
    {
        var deferredLock = new DeferredLock();
        ((Deferred)deferredLock.Acquire()).AddCallback(Increment);
        Assert.True(deferredLock.Locked);
        Assert.Equal(1, _counter);

        ((Deferred)deferredLock.Acquire()).AddCallback(Increment);
        Assert.True(deferredLock.Locked);
        Assert.Equal(1, _counter);
        Assert.Equal(1, deferredLock.Waiting);

        deferredLock.Release();
        Assert.True(deferredLock.Locked);
        Assert.Equal(2, _counter);

        deferredLock.Release();
        Assert.False(deferredLock.Locked);
        Assert.Equal(2, _counter);

        var firstUnique = new object();
        var secondUnique = new object();
        var control = new Deferred();
        object? seen = null;
        object? Helper(object? value, object? returnValue)
        {
            seen = value;
            return returnValue;
        }

        var resultDeferred = deferredLock.Run(() => Helper(firstUnique, control));
        Assert.True(deferredLock.Locked);
        Assert.Same(firstUnique, seen);

        resultDeferred.AddCallback(r => Helper(r, null));
        ((Deferred)deferredLock.Acquire()).AddCallback(Increment);
        Assert.True(deferredLock.Locked);
        Assert.Equal(2, _counter);

        control.Callback(secondUnique);
        Assert.Same(secondUnique, seen);
        Assert.True(deferredLock.Locked);
        Assert.Equal(3, _counter);

        var d = ((Deferred)deferredLock.Acquire()).AddBoth(r => Helper(r, null));
        d.Cancel();
        Assert.Equal(typeof(CancelledError), Assert.IsType<Failure>(seen).Type);
        Assert.Equal(0, deferredLock.Waiting);

        deferredLock.Release();
        Assert.False(deferredLock.Locked);
    }

    [Fact]
    [Trait("Twisted", "test_cancelLockAfterAcquired")]
    public void Cancel_GrantedAcquire_NoEffect()
    {
        var deferredLock = new DeferredLock();
        var d = deferredLock.Acquire();
        var errbacks = 0;
        d.AddErrback(f => { errbacks++; return f; });
        d.Cancel();
        Assert.Equal(0, errbacks);
        Assert.Same(deferredLock, Defer.SuccessResultOf(d));
        Assert.True(deferredLock.Locked);
    }

    [Fact]
    [Trait("Twisted", "test_cancelLockBeforeAcquired")]
    public void Cancel_WaitingAcquire_FailsWithCancelledErrorAndNeverGetsTheLock()
    {
        var deferredLock = new DeferredLock();
        deferredLock.Acquire();
        var d = deferredLock.Acquire();
        d.Cancel();
        Defer.FailureResultOf(d, typeof(CancelledError));
        deferredLock.Release();
        Assert.False(deferredLock.Locked);
    }

    [Fact]
    public void Release_Unlocked_ThrowsInvalidOperation()
    {
        var deferredLock = new DeferredLock();
        var error = Assert.Throws<InvalidOperationException>(deferredLock.Release);
        Assert.Contains("Tried to release an unlocked lock", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Release_HandsOverSynchronouslyInFifoOrder()
    {
        var deferredLock = new DeferredLock();
        var order = new List<string>();
        deferredLock.Acquire();
        ((Deferred)deferredLock.Acquire()).AddCallback(r => { order.Add("first"); return r; });
        ((Deferred)deferredLock.Acquire()).AddCallback(r => { order.Add("second"); return r; });
        deferredLock.Release();
        Assert.Equal(["first"], order);
        deferredLock.Release();
        Assert.Equal(["first", "second"], order);
    }

    [Fact]
    public void Run_WaiterRunsBeforeRunsOwnCallbacks()
    {
        var deferredLock = new DeferredLock();
        var order = new List<string>();
        var work = new Deferred();
        var run = deferredLock.Run(() => work);
        run.AddCallback(r => { order.Add("run callback"); return r; });
        ((Deferred)deferredLock.Acquire()).AddCallback(r => { order.Add("waiter"); return r; });
        work.Callback("done");
        Assert.Equal(["waiter", "run callback"], order);
    }

    [Fact]
    public void Run_Throws_FailsAndReleases()
    {
        var deferredLock = new DeferredLock();
        var run = deferredLock.Run(() => throw new InvalidOperationException("boom"));
        Assert.Equal("boom", Defer.FailureResultOf(run, typeof(InvalidOperationException)).GetErrorMessage());
        Assert.False(deferredLock.Locked);
    }

    [Fact]
    public void Run_ReturnsFailure_FailsWithItAndReleases()
    {
        var deferredLock = new DeferredLock();
        var failure = new Failure(new InvalidOperationException("returned"));
        var run = deferredLock.Run(() => failure);
        Assert.Same(failure, Defer.FailureResultOf(run, typeof(InvalidOperationException)));
        Assert.False(deferredLock.Locked);
    }

    [Fact]
    public void Run_Typed_GivesTypedResult()
    {
        var deferredLock = new DeferredLock();
        var work = new Deferred<int>();
        Deferred<int> run = deferredLock.Run(() => work);
        Assert.True(deferredLock.Locked);
        work.Callback(7);
        Assert.Equal(7, Defer.SuccessResultOf(run));
        Assert.False(deferredLock.Locked);
    }

    [Fact]
    public void Run_Value_SucceedsWithItAndReleases()
    {
        var deferredLock = new DeferredLock();
        var run = deferredLock.Run(() => (object?)5);
        Assert.Equal(5, Defer.SuccessResultOf(run));
        Assert.False(deferredLock.Locked);
    }

    [Fact]
    public void Run_CancelWhileWaitingForTheLock_WorkNeverRuns()
    {
        var deferredLock = new DeferredLock();
        deferredLock.Acquire();
        var ran = false;
        var run = deferredLock.Run(() => { ran = true; return Defer.Succeed(null); });
        run.Cancel();
        Defer.FailureResultOf(run, typeof(CancelledError));
        deferredLock.Release();
        Assert.False(ran);
        Assert.False(deferredLock.Locked);
    }
}
