using System.Runtime.CompilerServices;
using Deferreds.Context;
using Deferreds.Tests.Context.Support;

namespace Deferreds.Tests.Context;

/// <summary>
/// The patterns of Synapse's "Log Contexts" page, translated (docs/log-contexts.md): each records which
/// context is current wherever the page says something is logged.
/// </summary>
public sealed class SeedPatternTests : LogContextTestBase
{
    private readonly List<string> _logged = [];

    private void LogDebug(string message) => _logged.Add($"{message}@{LogContext.Current}");

    private Deferred GetSleepDeferred(double seconds)
    {
        var d = new Deferred();
        Reactor.CallLater(seconds, () => d.Callback(null));
        return d;
    }

    [Fact]
    public void LinearCase_WithoutAsync_EverythingLoggedAgainstRequest()
    {
        void DoRequestHandling() => LogDebug("phew");
        using (new LoggingContext("request-1").Enter())
        {
            DoRequestHandling();
            LogDebug("finished");
        }
        Assert.Equal(["phew@request-1", "finished@request-1"], _logged);
    }

    [Fact]
    public void AwaitInsideUsing_RulesFollowingCallee_ContextRestoredAfterAwait()
    {
        async Task DoRequestHandling()
        {
            await Sleep(1);
            LogDebug("phew");
        }

        Run(async () =>
        {
            using (new LoggingContext("request-1").Enter())
            {
                await DoRequestHandling();
                LogDebug("finished");
            }
        }, step: 1);
        Assert.Equal(["phew@request-1", "finished@request-1"], _logged);
    }

    [Fact]
    public void AlwaysAwait_ForgottenAwait_RestOfMethodRunsInSentinelAndContextLeaksToReactor()
    {
        LogContext.Strict = false;
        using (new LoggingContext("request-1").Enter())
        {
            _ = Sleep(1);
            LogDebug("after forgetting to await");
        }
        Assert.Equal(["after forgetting to await@sentinel"], _logged);
        Assert.Equal(["Expected logging context request-1 was lost"], Log.Messages);
        Reactor.Advance(1);
        // The sleep's restore hands the request's context to the reactor.
        Check("request-1");
        Assert.Throws<LoggingContextError>(LogContext.AssertSentinel);
    }

    [Fact]
    public void AlwaysAwait_Awaited_NothingLeaks()
    {
        Run(async () =>
        {
            using (new LoggingContext("request-1").Enter())
            {
                await Sleep(1);
                LogDebug("after awaiting");
            }
        }, step: 1);
        Assert.Equal(["after awaiting@request-1"], _logged);
    }

    [Fact]
    public void NonCompliantDeferred_AwaitedRaw_ResumesInFirersContext()
    {
        LogContext.Strict = false;
        var task = Body();
        Reactor.Advance(1);
        Assert.True(task.IsCompletedSuccessfully);
        // The raw Deferred never cleared the context: it stayed current while the reactor ran.
        Assert.Equal(["leaked into reactor@request-1", "after raw await@request-1"], _logged);
        LogContext.SetCurrent(LogContext.Sentinel);

        async Task Body()
        {
            Reactor.CallLater(0.5, () => LogDebug("leaked into reactor"));
            using (new LoggingContext("request-1").Enter())
            {
                await GetSleepDeferred(1);
                LogDebug("after raw await");
            }
        }
    }

    [Fact]
    public void NonCompliantDeferred_WrappedWithMakeDeferredYieldable_FollowsTheRules()
    {
        Reactor.CallLater(0.5, () => LogDebug("reactor"));
        Run(async () =>
        {
            using (new LoggingContext("request-1").Enter())
            {
                await LogContext.MakeDeferredYieldable(GetSleepDeferred(1));
                LogDebug("after yieldable await");
            }
        }, step: 1);
        Assert.Equal(["reactor@sentinel", "after yieldable await@request-1"], _logged);
    }

    private async Task BackgroundOperation()
    {
        LogDebug("background started");
        await Sleep(1);
        LogDebug("background done");
    }

    [Fact]
    public void FireAndForget_WithPreserveLoggingContext_BackgroundRunsInSentinel()
    {
        Run(async () =>
        {
            using (new LoggingContext("request-1").Enter())
            {
                await Sleep(0);
                using (new PreserveLoggingContext())
                {
                    _ = BackgroundOperation();
                }
                LogDebug("Request handling complete");
            }
        }, step: 1);
        Reactor.Advance(1);
        Check("sentinel");
        Assert.Equal(["background started@sentinel", "Request handling complete@request-1", "background done@sentinel"], _logged);
    }

    [Fact]
    public void FireAndForget_WithRunInBackground_BackgroundRunsInRequestAndResetsToSentinel()
    {
        Run(async () =>
        {
            using (new PreserveLoggingContext(new LoggingContext("request-1")))
            {
                await Sleep(0);
                _ = LogContext.RunInBackground(BackgroundOperation);
                LogDebug("Request handling complete");
            }
        }, step: 1);
        Reactor.Advance(1);
        Check("sentinel");
        Assert.Equal(["background started@request-1", "Request handling complete@request-1", "background done@request-1"], _logged);
    }

    /// <summary>A raw gather, as Twisted's gatherResults: fires (in whatever context) once all inputs have.</summary>
    private static Deferred Gather(params Deferred[] deferreds)
    {
        var all = new Deferred();
        var results = new object?[deferreds.Length];
        var remaining = deferreds.Length;
        for (var i = 0; i < deferreds.Length; i++)
        {
            var index = i;
            deferreds[i].AddBoth(result =>
            {
                results[index] = result;
                if (--remaining == 0)
                {
                    all.Callback(results);
                }
                return null;
            });
        }
        return all;
    }

    private Func<Task<string>> Operation(string name, double seconds) => async () =>
    {
        LogDebug(name + " started");
        await Sleep(seconds);
        LogDebug(name + " done");
        return name;
    };

    [Fact]
    public void Gather_RunInBackgroundThenMakeDeferredYieldable_AllInRequestContext()
    {
        object? result = null;
        Run(async () =>
        {
            using (new LoggingContext("request-1").Enter())
            {
                var d1 = LogContext.RunInBackground(Operation("op1", 1));
                var d2 = LogContext.RunInBackground(Operation("op2", 2));
                result = await LogContext.MakeDeferredYieldable(Gather(d1, d2));
                LogDebug("gathered");
            }
        }, step: 1);
        Assert.Equal(["op1 started@request-1", "op2 started@request-1", "op1 done@request-1", "op2 done@request-1", "gathered@request-1"], _logged);
        Assert.Equal(new object?[] { "op1", "op2" }, (object?[])result!);
    }

    [Fact]
    public void Gather_InsidePreserveLoggingContext_OperationsRunInSentinel()
    {
        Run(async () =>
        {
            using (new LoggingContext("request-1").Enter())
            {
                using (new PreserveLoggingContext())
                {
                    var d1 = AwaitShim.EnsureDeferred(Operation("op1", 1)());
                    var d2 = AwaitShim.EnsureDeferred(Operation("op2", 2)());
                    await Gather(d1, d2);
                }
                LogDebug("gathered");
            }
        }, step: 1);
        Assert.Equal(["op1 started@sentinel", "op2 started@sentinel", "op1 done@sentinel", "op2 done@sentinel", "gathered@request-1"], _logged);
    }

    [Fact]
    public void AbandonedChain_NeverFires_NothingRestoredNothingLeaked()
    {
        var (weak, context) = StartAbandonedRequest();
        Check("sentinel");
        for (var i = 0; i < 3 && weak.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        Assert.False(weak.IsAlive, "the abandoned chain should have been collected");
        // Unlike a collected Python coroutine, the abandoned method's `using` never exits: nothing is set behind anyone's back.
        Check("sentinel");
        Assert.False(context.Finished);
        Assert.Empty(Log.Records);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (WeakReference Chain, LoggingContext Context) StartAbandonedRequest()
    {
        var never = new Deferred();
        var context = new LoggingContext("abandoned");
        _ = Abandoned(context, never);
        return (new WeakReference(never), context);

        static async Task Abandoned(LoggingContext context, Deferred never)
        {
            using (context.Enter())
            {
                await LogContext.MakeDeferredYieldable(never);
            }
        }
    }
}
