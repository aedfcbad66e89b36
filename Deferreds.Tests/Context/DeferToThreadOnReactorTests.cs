using Deferreds.Context;
using Deferreds.Tests.Context.Support;

namespace Deferreds.Tests.Context;

/// <summary>LogContext.DeferToThread on a real Reactor: the work runs on a pool thread in a child context, and its outcome comes back on the reactor thread in the caller's context.</summary>
public sealed class DeferToThreadOnReactorTests : LogContextTestBase
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    public DeferToThreadOnReactorTests()
        : base(strict: false)
    {
    }

    /// <summary>Runs <paramref name="scenario"/> on a started reactor's thread and waits for the Deferred it returns.</summary>
    private static object? OnReactor(Func<Reactor, Deferred> scenario)
    {
        using var reactor = new Reactor();
        reactor.Start();
        var outcome = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
        reactor.CallFromThread(() =>
        {
            var done = scenario(reactor);
            _ = done.AddBoth(result =>
            {
                outcome.SetResult(result);
                return null;
            });
        });
        Assert.True(outcome.Task.Wait(Patience), "the scenario did not finish on the reactor");
        return outcome.Task.Result;
    }

    [Fact]
    public void DeferToThread_RunsOnPoolThreadInChildContext_ResultBackOnReactorInCallersContext()
    {
        var seen = new System.Collections.Concurrent.ConcurrentQueue<string>();
        LoggingContext? parent = null;
        var result = OnReactor(reactor =>
        {
            async Deferred<int> Handler()
            {
                using (parent = new LoggingContext("request-1").Enter())
                {
                    var value = await LogContext.DeferToThread(reactor, () =>
                    {
                        var worker = LogContext.Current;
                        seen.Enqueue($"worker reactor-thread={reactor.IsReactorThread} name={worker.Name} parent={worker.ParentContext?.Name} same={ReferenceEquals(worker, parent)}");
                        return 42;
                    });
                    seen.Enqueue($"resumed reactor-thread={reactor.IsReactorThread} context={LogContext.Current.Name}");
                    return value;
                }
            }
            var d = Handler();
            seen.Enqueue($"after call context={LogContext.Current.Name}");
            return d;
        });
        Assert.Equal(42, result);
        // The worker races the caller's next line; the reactor-thread lines are ordered.
        Assert.Contains("worker reactor-thread=False name=request-1 parent=request-1 same=False", seen);
        Assert.Equal(
            ["after call context=sentinel", "resumed reactor-thread=True context=request-1"],
            seen.Where(line => !line.StartsWith("worker", StringComparison.Ordinal)));
        Assert.Empty(Log.Messages);
    }

    [Fact]
    public void DeferToThread_WorkThrows_FailureDeliveredOnReactorInCallersContext()
    {
        var error = new InvalidOperationException("database is down");
        string? contextAtFailure = null;
        var result = OnReactor(reactor =>
        {
            async Deferred<string> Handler()
            {
                using (new LoggingContext("request-2").Enter())
                {
                    try
                    {
                        return await LogContext.DeferToThread<string>(reactor, () => throw error);
                    }
                    catch (InvalidOperationException caught)
                    {
                        contextAtFailure = $"{LogContext.Current.Name} on reactor={reactor.IsReactorThread}";
                        return caught.Message;
                    }
                }
            }
            return Handler();
        });
        Assert.Equal("database is down", result);
        Assert.Equal("request-2 on reactor=True", contextAtFailure);
    }

    [Fact]
    public void DeferToThread_DatabaseUsageInWorker_ChargedToCallersContext()
    {
        LoggingContext? parent = null;
        OnReactor(reactor =>
        {
            async Deferred<object?> Handler()
            {
                using (parent = new LoggingContext("request-3").Enter())
                {
                    await LogContext.DeferToThread(reactor, () =>
                    {
                        LogContext.Current.AddDatabaseTransaction(0.25);
                        LogContext.Current.RecordEventFetch(3);
                        return 0;
                    });
                    return null;
                }
            }
            return Handler();
        });
        var usage = parent!.GetResourceUsage();
        Assert.Equal(1, usage.DbTxnCount);
        Assert.Equal(0.25, usage.DbTxnDurationSec);
        Assert.Equal(3, usage.EvtDbFetchCount);
    }

    [Fact]
    public void DeferToThread_FromSentinel_WarnsThatMetricsWillBeLost()
    {
        var result = OnReactor(reactor => LogContext.DeferToThread(reactor, () => "ok"));
        Assert.Equal("ok", result);
        Assert.Contains(Log.Messages, m => m.Contains("sentinel context: metrics will be lost", StringComparison.Ordinal));
    }

    [Fact]
    public void DeferToThread_NullArguments_Throw()
    {
        using var reactor = new Reactor();
        Assert.Throws<ArgumentNullException>(() => LogContext.DeferToThread<int>(null!, () => 1));
        Assert.Throws<ArgumentNullException>(() => LogContext.DeferToThread<int>(reactor, null!));
    }
}
