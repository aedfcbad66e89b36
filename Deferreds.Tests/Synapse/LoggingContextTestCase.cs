using Deferreds.Context;
using Deferreds.Tests.Context.Support;
using Deferreds.Tests.Synapse.Support;

namespace Deferreds.Tests.Synapse;

/// <summary>
/// Ports of Synapse's tests/util/test_logcontext.py (LoggingContextTestCase). Every test is "logcontext clean"
/// (misuse throws) and must start and end in the sentinel. Async bodies are driven by a fake reactor
/// advanced by 0, which runs same-time timers in scheduling order as the real reactor's iterations do.
/// </summary>
public sealed class LoggingContextTestCase : LogContextTestBase
{
    private readonly SynapseClock _clock;

    public LoggingContextTestCase()
    {
        _clock = new SynapseClock(Reactor);
    }

    [Fact]
    [Trait("Synapse", "test_with_context")]
    public void WithContext_InsideBlock_ContextIsCurrent()
    {
        using (new LoggingContext("test").Enter())
        {
            Check("test");
        }
        Check("sentinel");
    }

    [Fact]
    [Trait("Synapse", "test_sleep")]
    public void Sleep_CompetingCallbackSleepsToo_EachKeepsItsContext()
    {
        var callbackFinished = false;
        async Task CompetingCallback()
        {
            try
            {
                Check("sentinel");
                using (new LoggingContext("competing").Enter())
                {
                    await Sleep(0);
                    Check("competing");
                }
                Check("sentinel");
            }
            finally
            {
                callbackFinished = true;
            }
        }

        Reactor.CallLater(0, () => AwaitShim.EnsureDeferred(CompetingCallback()));
        Run(async () =>
        {
            LoggingContext context;
            using (context = new LoggingContext("foo").Enter())
            {
                await Sleep(0);
                Check("foo");
                await Sleep(0);
                Check("foo");
            }
            Assert.True(context.Finished);
            Assert.True(callbackFinished, "Callback never finished which means the test probably didn't wait long enough");
            Check("sentinel");
        });
    }

    private Func<Task> CompetingCallbackExpecting(string outer, Action finished) => async () =>
    {
        try
        {
            Check(outer);
            using (new LoggingContext("competing").Enter())
            {
                await Sleep(0);
                Check("competing");
            }
            Check(outer);
        }
        finally
        {
            finished();
        }
    };

    [Fact]
    [Trait("Synapse", "test_looping_call")]
    public void LoopingCall_CallbackRunsInLoopingCallContext_CallerKeepsItsContext()
    {
        var callbackFinished = false;
        var competing = CompetingCallbackExpecting("looping_call", () => callbackFinished = true);
        Run(async () =>
        {
            LoggingContext context;
            SynapseLoopingCall loop;
            using (context = new LoggingContext("foo").Enter())
            {
                loop = _clock.LoopingCall(() => competing(), 0);
                Check("foo");
                await Sleep(0);
                Check("foo");
                await Sleep(0);
                Check("foo");
            }
            Assert.True(context.Finished);
            Assert.True(callbackFinished, "Callback never finished which means the test probably didn't wait long enough");
            Check("sentinel");
            loop.Stop();
        });
    }

    [Fact]
    [Trait("Synapse", "test_looping_call_now")]
    public void LoopingCallNow_FirstCallRunsAtOnceInLoopingCallContext_CallerKeepsItsContext()
    {
        var callbackFinished = false;
        var competing = CompetingCallbackExpecting("looping_call", () => callbackFinished = true);
        Run(async () =>
        {
            LoggingContext context;
            SynapseLoopingCall loop;
            using (context = new LoggingContext("foo").Enter())
            {
                loop = _clock.LoopingCallNow(() => competing(), 0);
                Check("foo");
                await Sleep(0);
                Check("foo");
            }
            Assert.True(context.Finished);
            Assert.True(callbackFinished, "Callback never finished which means the test probably didn't wait long enough");
            Check("sentinel");
            loop.Stop();
        });
    }

    [Fact]
    [Trait("Synapse", "test_call_later")]
    public void CallLater_CallbackRunsInCallLaterContext_CallerKeepsItsContext()
    {
        var callbackFinished = false;
        var competing = CompetingCallbackExpecting("call_later", () => callbackFinished = true);
        Run(async () =>
        {
            LoggingContext context;
            using (context = new LoggingContext("foo").Enter())
            {
                _clock.CallLater(0, () => competing());
                Check("foo");
                await Sleep(0);
                Check("foo");
                await Sleep(0);
                Check("foo");
            }
            Assert.True(context.Finished);
            Assert.True(callbackFinished, "Callback never finished which means the test probably didn't wait long enough");
            Check("sentinel");
        });
    }

    [Fact]
    [Trait("Synapse", "test_deferred_callback_await_in_current_logcontext")]
    public void DeferredCallback_AwaitedInCurrentContext_CallbackInheritsFirersContext()
    {
        var callbackFinished = false;
        var competing = CompetingCallbackExpecting("foo", () => callbackFinished = true);
        Run(async () =>
        {
            LoggingContext context;
            using (context = new LoggingContext("foo").Enter())
            {
                var d = new Deferred();
                _ = d.AddCallback(_ => AwaitShim.EnsureDeferred(competing()));
                Check("foo");
                d.Callback(null);
                // The doc's "Issue 1": the resumed competing callback suspended and cleared the context.
                Check("sentinel");
                await d;
                Check("foo");
            }
            await Sleep(0);
            Assert.True(context.Finished);
            Assert.True(callbackFinished, "Callback never finished which means the test probably didn't wait long enough");
            Check("sentinel");
        });
    }

    [Fact]
    [Trait("Synapse", "test_deferred_callback_preserve_logging_context")]
    public void DeferredCallback_FiredInPreserveLoggingContext_CallbackStartsInSentinel()
    {
        var callbackFinished = false;
        var competing = CompetingCallbackExpecting("sentinel", () => callbackFinished = true);
        Run(async () =>
        {
            LoggingContext context;
            using (context = new LoggingContext("foo").Enter())
            {
                var d = new Deferred();
                _ = d.AddCallback(_ => AwaitShim.EnsureDeferred(competing()));
                Check("foo");
                using (new PreserveLoggingContext())
                {
                    d.Callback(null);
                }
                Check("foo");
            }
            await Sleep(0);
            Assert.True(context.Finished);
            Assert.True(callbackFinished, "Callback never finished which means the test probably didn't wait long enough");
            Check("sentinel");
        });
    }

    [Fact]
    [Trait("Synapse", "test_deferred_callback_fire_and_forget_with_current_context")]
    public void DeferredCallback_FireAndForgetWithRunInBackground_ContextNeverFinishedNeverLeaked()
    {
        var callbackFinished = false;
        var competing = CompetingCallbackExpecting("foo", () => callbackFinished = true);
        Run(async () =>
        {
            using (new PreserveLoggingContext(new LoggingContext("foo")))
            {
                var d = new Deferred();
                _ = d.AddCallback(_ => AwaitShim.EnsureDeferred(competing()));
                Check("foo");
                _ = LogContext.RunInBackground(() =>
                {
                    d.Callback(null);
                    return d;
                });
                Check("foo");
            }
            await Sleep(0);
            Assert.True(callbackFinished, "Callback never finished which means the test probably didn't wait long enough");
            Check("sentinel");
        });
    }

    /// <summary>Synapse's <c>_test_run_in_background</c>.</summary>
    private void TestRunInBackground(Func<Deferred> runInBackground)
    {
        Run(async () =>
        {
            Check("sentinel");
            var callbackCompleted = false;
            LoggingContext context;
            using (context = new LoggingContext("foo").Enter())
            {
                var deferred = runInBackground();
                Check("foo");
                _ = deferred.AddBoth(result =>
                {
                    callbackCompleted = true;
                    return result;
                });
                Check("foo");
                while (!callbackCompleted)
                {
                    await Sleep(0);
                    Check("foo");
                }
            }
            Assert.True(context.Finished);
            Check("sentinel");
        });
    }

    [Fact]
    [Trait("Synapse", "test_run_in_background_with_blocking_fn")]
    public void RunInBackground_BlockingFunction_CallerKeepsContext() =>
        TestRunInBackground(() => LogContext.RunInBackground(async () => await Sleep(0)));

    [Fact]
    [Trait("Synapse", "test_run_in_background_with_non_blocking_fn")]
    public void RunInBackground_NonBlockingFunction_FastPathKeepsContext() =>
        TestRunInBackground(() => LogContext.RunInBackground(() =>
        {
            using (new PreserveLoggingContext())
            {
                return Defer.Succeed(null);
            }
        }));

    private Deferred Chained() => Defer.Succeed(null).AddCallback(_ =>
    {
        var inner = new Deferred();
        Reactor.CallLater(0, () => inner.Callback(null));
        return inner;
    });

    [Fact]
    [Trait("Synapse", "test_run_in_background_with_chained_deferred")]
    public void RunInBackground_CalledButPausedDeferred_TreatedAsIncomplete() =>
        TestRunInBackground(() => LogContext.RunInBackground(() => LogContext.MakeDeferredYieldable(Chained())));

    [Fact]
    [Trait("Synapse", "test_run_in_background_with_coroutine")]
    public void RunInBackground_AsyncFunctionThatSuspends_SlowPath() =>
        TestRunInBackground(() => LogContext.RunInBackground(async () =>
        {
            Check("foo");
            var d = Sleep(0);
            Assert.Same(LogContext.Sentinel, LogContext.Current);
            await d;
            Check("foo");
        }));

    [Fact]
    [Trait("Synapse", "test_run_in_background_with_nonblocking_coroutine")]
    public void RunInBackground_AsyncFunctionThatCompletesSynchronously_FastPath() =>
        TestRunInBackground(() => LogContext.RunInBackground(async () =>
        {
            Check("foo");
            await Defer.Succeed(null);
        }));

    [Fact]
    [Trait("Synapse", "test_run_coroutine_in_background")]
    public void RunCoroutineInBackground_CompetingCoroutine_StartsInCallersContext()
    {
        var callbackFinished = false;
        var competing = CompetingCallbackExpecting("foo", () => callbackFinished = true);
        Run(async () =>
        {
            LoggingContext context;
            using (context = new LoggingContext("foo").Enter())
            {
                _ = LogContext.RunInBackground(competing);
                Check("foo");
                await Sleep(0);
                Check("foo");
            }
            Assert.True(context.Finished);
            Assert.True(callbackFinished, "Callback never finished which means the test probably didn't wait long enough");
            Check("sentinel");
        });
    }

    [Fact]
    [Trait("Synapse", "test_run_coroutine_in_background_with_nonblocking_coroutine")]
    public void RunCoroutineInBackground_CoroutineCompletesSynchronously_CallerKeepsContext()
    {
        var callbackFinished = false;
        async Task CompetingCallback()
        {
            try
            {
                Check("foo");
                using (new LoggingContext("competing").Enter())
                {
                    await Defer.Succeed(null);
                    Check("competing");
                }
                Check("foo");
            }
            finally
            {
                callbackFinished = true;
            }
        }

        LoggingContext context;
        using (context = new LoggingContext("foo").Enter())
        {
            LogContext.RunInBackground(CompetingCallback);
            Check("foo");
        }
        Assert.True(context.Finished);
        Assert.True(callbackFinished, "Callback never finished which means the test probably didn't wait long enough");
        Check("sentinel");
    }

    private Deferred BlockingFunction()
    {
        var d = new Deferred();
        Reactor.CallLater(0, () => d.Callback(null));
        return d;
    }

    [Fact]
    [Trait("Synapse", "test_make_deferred_yieldable")]
    public void MakeDeferredYieldable_RawDeferred_ClearsThenRestores() => Run(async () =>
    {
        using (new LoggingContext("foo").Enter())
        {
            var d1 = LogContext.MakeDeferredYieldable(BlockingFunction());
            Assert.Same(LogContext.Sentinel, LogContext.Current);
            await d1;
            Check("foo");
        }
    });

    [Fact]
    [Trait("Synapse", "test_make_deferred_yieldable_with_chained_deferreds")]
    public void MakeDeferredYieldable_ChainedDeferred_ClearsThenRestores() => Run(async () =>
    {
        using (new LoggingContext("foo").Enter())
        {
            var d1 = LogContext.MakeDeferredYieldable(Chained());
            Assert.Same(LogContext.Sentinel, LogContext.Current);
            await d1;
            Check("foo");
        }
    });

    [Fact]
    [Trait("Synapse", "test_nested_logging_context")]
    public void NestedLoggingContext_InsideFoo_NamedFooBar()
    {
        using (new LoggingContext("foo").Enter())
        {
            var nested = LogContext.NestedLoggingContext("bar");
            Assert.Equal("foo-bar", nested.Name);
        }
    }
}
