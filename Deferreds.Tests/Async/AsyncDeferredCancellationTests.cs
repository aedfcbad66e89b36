namespace Deferreds.Tests.Async;

/// <summary>Cancelling the Deferred of an <c>async Deferred</c> method (Twisted's fromCoroutine semantics).</summary>
public sealed class AsyncDeferredCancellationTests
{
    [Fact]
    public void Cancel_WhileAwaiting_CancelsAwaitedAndCancelledErrorSurfacesAtTheAwait()
    {
        var log = new List<string>();
        var awaited = new Deferred();
        var d = CatchAndReport(awaited, log);

        d.Cancel();

        Assert.Equal(["caught CancelledError"], log);
        Assert.Equal("recovered", Defer.SuccessResultOf(d));
        Assert.Null(awaited.Result); // the await consumed the awaited Deferred's failure
    }

    [Fact]
    public void Cancel_Uncaught_OuterFailsWithCancelledError()
    {
        var awaited = new Deferred();
        var d = Relay(awaited);

        d.Cancel();

        Defer.FailureResultOf(d, typeof(CancelledError));
    }

    [Fact]
    public void Cancel_AtSecondAwait_CancelsTheSecondAwaitedDeferredOnly()
    {
        var first = new Deferred();
        var second = new Deferred();
        var firstCancelled = false;
        var secondCancelled = false;
        first.AddErrback(f => { firstCancelled = true; return f; });
        second.AddErrback(f => { secondCancelled = f.Check(typeof(CancelledError)) is not null; return f; });
        var d = AwaitBoth(first, second);
        first.Callback(1);

        d.Cancel();

        Assert.False(firstCancelled);
        Assert.True(secondCancelled);
        Defer.FailureResultOf(d, typeof(CancelledError));
    }

    [Fact]
    public void Cancel_AwaitedCancellerSucceeds_MethodContinuesWithThatValue()
    {
        var awaited = new Deferred<int>(self => self.Callback(9));
        var d = AddOne(awaited);

        d.Cancel();

        Assert.Equal(10, Defer.SuccessResultOf(d));
    }

    [Fact]
    public void Cancel_MethodAwaitsAgainAfterCancellation_OuterWaitsForTheMethod()
    {
        var awaited = new Deferred<int>(self => self.Callback(9));
        var next = new Deferred<int>();
        var d = AddBoth(awaited, next);
        var seen = new List<object?>();
        d.AddCallback(v => { seen.Add(v); return v; });

        d.Cancel();
        Assert.True(d.Called); // as Twisted: it now waits on the Deferred the method will fire
        Assert.True(d.Paused);
        Assert.Empty(seen);

        next.Callback(1);

        Assert.Equal([10], seen);
    }

    [Fact]
    public void Cancel_Twice_SecondCancelReachesTheNewAwaitedDeferred()
    {
        var awaited = new Deferred<int>(self => self.Callback(9));
        var next = new Deferred<int>();
        var d = AddBoth(awaited, next);

        d.Cancel();
        d.Cancel();

        Defer.FailureResultOf(d, typeof(CancelledError));
        Assert.Null(next.Result);
    }

    [Fact]
    public void Cancel_AlreadyFiredOuter_IsANoOp()
    {
        var awaited = new Deferred<int>();
        var d = AddOne(awaited);
        awaited.Callback(1);

        d.Cancel();

        Assert.Equal(2, Defer.SuccessResultOf(d));
    }

    [Fact]
    public void Cancel_SynchronouslyCompletedMethod_IsANoOp()
    {
        var d = AddOne(Defer.Succeed(1));

        d.Cancel();

        Assert.Equal(2, Defer.SuccessResultOf(d));
    }

    [Fact]
    public void Cancel_ThroughATypeChangingHandle_CancelsTheMethod()
    {
        var awaited = new Deferred<int>();
        var handle = AddOne(awaited).AddCallback(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture));

        handle.Cancel();

        Defer.FailureResultOf(handle, typeof(CancelledError));
        Assert.Null(awaited.Result);
    }

    [Fact]
    public void Cancel_WhileAwaitingATask_FailsAtOnceAndIgnoresTheLaterOutcome()
    {
        var source = new TaskCompletionSource<int>();
        var d = AwaitTask(source.Task);

        d.Cancel();
        Defer.FailureResultOf(d, typeof(CancelledError));
        source.SetResult(1); // the method finishes inline; its outcome is swallowed like a late Callback

        Assert.Null(d.Result);

        static async Deferred<int> AwaitTask(Task<int> task) => await task;
    }

    [Fact]
    public void Cancel_CancelledErrorThrownByTheMethodItself_IsAnOrdinaryFailure()
    {
        var awaited = new Deferred();
        var d = ThrowCancelled(awaited);

        awaited.Callback(null);

        Defer.FailureResultOf(d, typeof(CancelledError));

        static async Deferred ThrowCancelled(Deferred awaited)
        {
            await awaited;
            throw new CancelledError();
        }
    }

    private static async Deferred<string> CatchAndReport(Deferred awaited, List<string> log)
    {
        try
        {
            await awaited;
            return "not cancelled";
        }
        catch (CancelledError)
        {
            log.Add("caught CancelledError");
            return "recovered";
        }
    }

    private static async Deferred<object?> Relay(Deferred awaited) => await awaited;

    private static async Deferred<object?> AwaitBoth(Deferred first, Deferred second)
    {
        await first;
        return await second;
    }

    private static async Deferred<int> AddOne(Deferred<int> awaited) => await awaited + 1;

    private static async Deferred<int> AddBoth(Deferred<int> first, Deferred<int> second) => await first + await second;
}
