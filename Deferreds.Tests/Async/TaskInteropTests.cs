using System.Collections.Concurrent;

namespace Deferreds.Tests.Async;

/// <summary><see cref="Defer.FromTask(Task)"/> and <see cref="Deferred.AsTask"/> (Twisted's fromFuture / asFuture).</summary>
public sealed class TaskInteropTests
{
    [Fact]
    public void FromTask_CompletedTask_FiresAtOnce()
    {
        Assert.Null(Defer.SuccessResultOf(Defer.FromTask(Task.CompletedTask)));
        Assert.Equal(7, Defer.SuccessResultOf(Defer.FromTask(Task.FromResult(7))));
    }

    [Fact]
    public void FromTask_FaultedTask_FailsWithTheTasksExceptionObject()
    {
        var error = new InvalidOperationException("task failed");

        var failure = Defer.FailureResultOf(Defer.FromTask(Task.FromException<int>(error)));

        Assert.Same(error, failure.Value);
    }

    [Fact]
    public void FromTask_TaskWithSeveralExceptions_FailsWithTheAggregate()
    {
        var source = new TaskCompletionSource();
        source.SetException([new InvalidOperationException("a"), new TimeoutException("b")]);

        var failure = Defer.FailureResultOf(Defer.FromTask(source.Task), typeof(AggregateException));

        Assert.Equal(2, ((AggregateException)failure.Value).InnerExceptions.Count);
    }

    [Fact]
    public void FromTask_CanceledTask_FailsWithCancelledErrorCarryingTheTasksException()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        var failure = Defer.FailureResultOf(Defer.FromTask(Task.FromCanceled<int>(cts.Token)), typeof(CancelledError));

        var inner = Assert.IsAssignableFrom<OperationCanceledException>(failure.Value.InnerException);
        Assert.Equal(cts.Token, inner.CancellationToken);
    }

    [Fact]
    public void FromTask_PendingTask_FiresOnTheCapturedSynchronizationContext()
    {
        var context = new QueueSynchronizationContext();
        var source = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var d = WithContext(context, () => Defer.FromTask(source.Task));

        source.SetResult(7);
        context.WaitForPost();
        Defer.AssertNoResult(d); // not before the context runs it
        context.RunAll();

        Assert.Equal(7, Defer.SuccessResultOf(d));
    }

    [Fact]
    public void FromTask_PendingTaskCanceledLater_FailsWithCancelledError()
    {
        var context = new QueueSynchronizationContext();
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var d = WithContext(context, () => Defer.FromTask(source.Task));

        source.SetCanceled();
        context.WaitForPost();
        context.RunAll();

        Defer.FailureResultOf(d, typeof(CancelledError));
    }

    [Fact]
    public void FromTask_DeferredCancelled_FailsAtOnceAndIgnoresTheTasksLaterResult()
    {
        var context = new QueueSynchronizationContext();
        var source = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var d = WithContext(context, () => Defer.FromTask(source.Task));
        d.AddErrback(f => f); // observed below

        d.Cancel();
        source.SetResult(7);
        context.WaitForPost();
        context.RunAll();

        Defer.FailureResultOf(d, typeof(CancelledError));
    }

    [Fact]
    public async Task FromTask_PendingTaskWithoutContext_FiresOnTheCompletingThread()
    {
        var source = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var d = Defer.FromTask(source.Task);
        var fired = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = d.AddCallback(v => { fired.SetResult(v); return v; });

        source.SetResult(3);

        Assert.Equal(3, await fired.Task.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task AsTask_DeferredFiresLater_TaskGetsTheValueAndDeferredHoldsNull()
    {
        var d = new Deferred<int>();
        var task = d.AsTask();
        Assert.False(task.IsCompleted);

        d.Callback(13);

        Assert.Equal(13, await task);
        Assert.Null(d.Result);
    }

    [Fact]
    public async Task AsTask_AlreadyFired_CompletesAtOnceAndConsumes()
    {
        var d = Defer.Succeed("done");

        var task = d.AsTask();

        Assert.True(task.IsCompletedSuccessfully);
        Assert.Equal("done", await task);
        Assert.Null(d.Result);
    }

    [Fact]
    public async Task AsTask_Failure_FaultsWithTheOriginalExceptionAndHandlesIt()
    {
        var d = new Deferred();
        var task = d.AsTask();
        var error = new DivideByZeroException();

        d.Errback(error);

        Assert.Same(error, await Assert.ThrowsAsync<DivideByZeroException>(() => task));
        Assert.Null(d.Result);
    }

    [Fact]
    public async Task AsTask_CancelledError_TaskIsCanceled()
    {
        var d = new Deferred<int>();
        var task = d.AsTask();

        d.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
        Assert.True(task.IsCanceled);
    }

    [Fact]
    public async Task AsTask_WrongResultType_FaultsWithInvalidCast()
    {
        var d = new Deferred<int>();
        _ = d.AddCallback(_ => (object?)"text");
        var task = d.AsTask(); // this handle still promises an int

        d.Callback(1);

        await Assert.ThrowsAsync<InvalidCastException>(() => task);
    }

    [Fact]
    public async Task AsTask_TokenCancelled_TaskCanceledAndDeferredCancelled()
    {
        var cancellerCalls = 0;
        var d = new Deferred(_ => cancellerCalls++);
        using var cts = new CancellationTokenSource();
        var task = d.AsTask(cts.Token);

        cts.Cancel();

        Assert.Equal(1, cancellerCalls);
        var cancelled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
        Assert.Equal(cts.Token, cancelled.CancellationToken);
        Assert.Null(d.Result); // the CancelledError went to the (already canceled) Task: consumed
    }

    [Fact]
    public async Task AsTask_TokenCancelledAndCancellerSucceeds_TaskStaysCanceled()
    {
        var d = new Deferred(self => self.Callback(9));
        using var cts = new CancellationTokenSource();
        var task = d.AsTask(cts.Token);

        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
        Assert.Null(d.Result);
    }

    [Fact]
    public async Task AsTask_AlreadyCancelledToken_CancelsAtOnce()
    {
        var d = new Deferred<int>();

        var task = d.AsTask(new CancellationToken(canceled: true));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
        Assert.True(d.Called);
    }

    [Fact]
    public async Task AsTask_TokenCancelledAfterTheDeferredFired_ChangesNothing()
    {
        var d = new Deferred<int>();
        using var cts = new CancellationTokenSource();
        var task = d.AsTask(cts.Token);
        d.Callback(5);

        cts.Cancel();

        Assert.Equal(5, await task);
    }

    [Fact]
    public async Task AsTask_ContinuationsNeverRunInsideTheChain()
    {
        var d = new Deferred<int>();
        var task = d.AsTask();
        var firingThread = Environment.CurrentManagedThreadId;
        var callbackReturned = false;
        var observed = new TaskCompletionSource<(int Thread, bool Returned)>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = task.ContinueWith(
            _ => observed.SetResult((Environment.CurrentManagedThreadId, Volatile.Read(ref callbackReturned))),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

        d.Callback(1);
        Volatile.Write(ref callbackReturned, true);

        var (thread, returned) = await observed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(thread != firingThread || returned, "the Task continuation ran inside Deferred.Callback");
    }

    [Fact]
    public async Task AsTask_OfAsyncDeferredMethod_RoundTripsThroughFromTask()
    {
        var awaited = new Deferred<int>();
        var task = Double(awaited).AsTask();

        awaited.Callback(21);

        Assert.Equal(42, await task);

        static async Deferred<int> Double(Deferred<int> d) => await d * 2;
    }

    private static T WithContext<T>(SynchronizationContext context, Func<T> action)
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(context);
        try
        {
            return action();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    /// <summary>Queues posted work until the test runs it, on the test's thread.</summary>
    private sealed class QueueSynchronizationContext : SynchronizationContext
    {
        private readonly BlockingCollection<(SendOrPostCallback, object?)> _queue = [];

        public override void Post(SendOrPostCallback d, object? state) => _queue.Add((d, state));

        public void WaitForPost()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var item = _queue.Take(timeout.Token);
            _queue.Add(item);
        }

        public void RunAll()
        {
            while (_queue.TryTake(out var item))
            {
                item.Item1(item.Item2);
            }
        }
    }
}
