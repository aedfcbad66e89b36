using Microsoft.Extensions.Logging;
using static Deferreds.Defer;

namespace Deferreds.Tests.Time;

/// <summary>The real Reactor: thread hand-over, real-time calls (with generous tolerances), its SynchronizationContext, errors, misuse.</summary>
public sealed class ReactorTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task CallFromThread_FromPoolThread_RunsOnReactorThread()
    {
        using var reactor = new Reactor();
        reactor.Start();
        var ran = new TaskCompletionSource<(bool IsReactorThread, int ThreadId)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var poolThread = await Task.Run(() =>
        {
            reactor.CallFromThread(() => ran.SetResult((reactor.IsReactorThread, Environment.CurrentManagedThreadId)));
            return Environment.CurrentManagedThreadId;
        });
        var (isReactorThread, threadId) = await ran.Task.WaitAsync(Patience);
        Assert.True(isReactorThread);
        Assert.NotEqual(poolThread, threadId);
        Assert.False(reactor.IsReactorThread);
    }

    [Fact]
    public async Task CallFromThread_ManyCalls_RunInOrderOneAtATime()
    {
        using var reactor = new Reactor();
        reactor.Start();
        var seen = new List<int>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        for (var i = 0; i < 1000; i++)
        {
            var n = i;
            reactor.CallFromThread(() => seen.Add(n));
        }
        reactor.CallFromThread(done.SetResult);
        await done.Task.WaitAsync(Patience);
        Assert.Equal(Enumerable.Range(0, 1000), await OnReactor(reactor, () => seen.ToList()));
    }

    [Fact]
    public async Task CallLater_RealDelay_RunsNoEarlierThanDue()
    {
        using var reactor = new Reactor();
        reactor.Start();
        var result = await OnReactor<double>(reactor, () =>
        {
            var start = reactor.Seconds();
            return DeferLater(reactor, TimeSpan.FromMilliseconds(50), () => reactor.Seconds() - start);
        });
        Assert.InRange(result, 0.045, Patience.TotalSeconds);
    }

    [Fact]
    public async Task CallLater_SeveralDelays_RunByDueTimeThenSchedulingOrder()
    {
        using var reactor = new Reactor();
        var order = new List<string>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        reactor.CallLater(0.06, () =>
        {
            order.Add("late");
            done.SetResult();
        });
        reactor.CallLater(0.02, () => order.Add("early"));
        reactor.CallLater(0, () => order.Add("zero-a"));
        reactor.CallLater(0, () => order.Add("zero-b"));
        reactor.CallWhenRunning(() => order.Add("startup"));
        reactor.Start();
        await done.Task.WaitAsync(Patience);
        Assert.Equal(["startup", "zero-a", "zero-b", "early", "late"], order);
    }

    [Fact]
    public async Task CancelAndReset_OnReactorThread_Reschedule()
    {
        using var reactor = new Reactor();
        reactor.Start();
        var order = await OnReactor<List<string>>(reactor, () =>
        {
            var seen = new List<string>();
            var result = new Deferred<List<string>>();
            var never = reactor.CallLater(0.01, () => seen.Add("cancelled"));
            never.Cancel();
            var soon = reactor.CallLater(60, () => seen.Add("reset"));
            soon.Reset(0.02);
            reactor.CallLater(0.2, () => result.Callback(seen));
            Assert.Equal(2, reactor.GetDelayedCalls().Count);
            return result;
        });
        Assert.Equal(["reset"], order);
    }

    [Fact]
    public async Task SynchronizationContext_AsyncMethodOnReactor_ResumesOnReactorThread()
    {
        using var reactor = new Reactor();
        reactor.Start();
        var result = new TaskCompletionSource<(bool, bool)>(TaskCreationOptions.RunContinuationsAsynchronously);
        reactor.CallFromThread(() => _ = RunAsync());
        Assert.Equal((true, true), await result.Task.WaitAsync(Patience));

        async Task RunAsync()
        {
            var before = reactor.IsReactorThread;
            await Task.Delay(20);
            await Task.Run(() => { });
            result.SetResult((before, reactor.IsReactorThread));
        }
    }

    [Fact]
    public async Task UnhandledException_InCall_IsLoggedAndLoopKeepsRunning()
    {
        var logger = new ListLogger();
        using var reactor = new Reactor(logger);
        reactor.Start();
        reactor.CallFromThread(() => throw new InvalidOperationException("boom"));
        reactor.CallFromThread(() => reactor.CallLater(0, () => throw new InvalidOperationException("timed boom")));
        Assert.Equal("still running", await OnReactor(reactor, () => "still running"));
        Assert.True(SpinWait.SpinUntil(() => logger.Count == 2, Patience));
        Assert.Equal(["boom", "timed boom"], logger.Errors.Select(e => e.Message));
    }

    [Fact]
    public void CallLater_FromForeignThreadWhileRunning_ThrowsInvalidOperation()
    {
        using var reactor = new Reactor();
        var call = reactor.CallLater(60, () => { });
        reactor.Start();
        var error = Assert.Throws<InvalidOperationException>(() => reactor.CallLater(0, () => { }));
        Assert.Contains("CallFromThread", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(call.Cancel);
        Assert.Throws<InvalidOperationException>(() => reactor.CallWhenRunning(() => { }));
        Assert.Throws<InvalidOperationException>(() => reactor.GetDelayedCalls());
    }

    [Fact]
    public void Run_StopFromCallback_ReturnsOnCallingThread()
    {
        using var reactor = new Reactor();
        var threadIds = new List<int>();
        reactor.CallWhenRunning(() => threadIds.Add(Environment.CurrentManagedThreadId));
        reactor.CallLater(0.01, () =>
        {
            threadIds.Add(Environment.CurrentManagedThreadId);
            reactor.Stop();
        });
        using var safety = new Timer(_ => reactor.Dispose(), null, Patience, Timeout.InfiniteTimeSpan);
        reactor.Run();
        Assert.Equal([Environment.CurrentManagedThreadId, Environment.CurrentManagedThreadId], threadIds);
        Assert.False(reactor.Running);
        Assert.NotEqual("ReactorSynchronizationContext", SynchronizationContext.Current?.GetType().Name);
    }

    [Fact]
    public void StartAndStop_Misuse_ThrowsInvalidOperation()
    {
        using var reactor = new Reactor();
        Assert.Throws<InvalidOperationException>(reactor.Stop);
        reactor.Start();
        Assert.True(reactor.Running);
        Assert.Throws<InvalidOperationException>(reactor.Start);
        Assert.Throws<InvalidOperationException>(reactor.Run);
        reactor.Stop();
        Assert.Throws<InvalidOperationException>(reactor.Stop);
        reactor.Dispose();
        Assert.False(reactor.Running);
        Assert.Throws<InvalidOperationException>(reactor.Start);
    }

    [Fact]
    public void Dispose_NeverStartedOrTwice_DoesNotThrow()
    {
        var reactor = new Reactor();
        reactor.Dispose();
        reactor.Dispose();
        Assert.Throws<InvalidOperationException>(reactor.Run);
    }

    [Fact]
    public async Task Dispose_FromReactorThread_StopsWithoutDeadlock()
    {
        var reactor = new Reactor();
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        reactor.CallWhenRunning(() =>
        {
            reactor.Dispose();
            stopped.SetResult();
        });
        reactor.Start();
        await stopped.Task.WaitAsync(Patience);
        Assert.True(SpinWait.SpinUntil(() => !reactor.Running, Patience));
        reactor.Dispose();
    }

    [Fact]
    public async Task LoopingCall_OnReactor_RunsUntilStopped()
    {
        using var reactor = new Reactor();
        reactor.Start();
        var count = await OnReactor<int>(reactor, () =>
        {
            var n = 0;
            LoopingCall? loop = null;
            loop = new LoopingCall(() =>
            {
                if (++n == 3)
                {
                    loop!.Stop();
                }
                return null;
            }) { Clock = reactor };
            return (Deferred)loop.Start(TimeSpan.FromMilliseconds(10)).AddCallback(_ => n);
        });
        Assert.Equal(3, count);
    }

    [Fact]
    public async Task AddTimeout_OnReactor_TimesOut()
    {
        using var reactor = new Reactor();
        reactor.Start();
        var failure = await OnReactor<string>(reactor, () => new Deferred()
            .AddTimeout(TimeSpan.FromMilliseconds(20), reactor)
            .AddErrback(f => f.Value.GetType().Name));
        Assert.Equal(nameof(TimeoutError), failure);
    }

    /// <summary>Runs <paramref name="f"/> on the reactor thread and waits (bounded) for its Deferred's result.</summary>
    private static async Task<T> OnReactor<T>(Reactor reactor, Func<Deferred> f)
    {
        var result = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
        reactor.CallFromThread(() => f().AddBoth(r =>
        {
            if (r is Failure failure)
            {
                result.SetException(failure.Value);
            }
            else
            {
                result.SetResult(r);
            }
            return null;
        }));
        return (T)(await result.Task.WaitAsync(Patience))!;
    }

    private static Task<T> OnReactor<T>(Reactor reactor, Func<T> f) => OnReactor<T>(reactor, () => (Deferred)Succeed(f()));

    private sealed class ListLogger : ILogger
    {
        private readonly List<Exception> errors = [];

        public int Count
        {
            get
            {
                lock (errors)
                {
                    return errors.Count;
                }
            }
        }

        public IReadOnlyList<Exception> Errors
        {
            get
            {
                lock (errors)
                {
                    return [.. errors];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Error && exception is not null)
            {
                lock (errors)
                {
                    errors.Add(exception);
                }
            }
        }
    }
}
