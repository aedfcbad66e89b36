using System.Runtime.CompilerServices;

namespace Deferreds.Tests.Async;

/// <summary><c>async Deferred</c> and <c>async Deferred&lt;T&gt;</c> methods.</summary>
public sealed class AsyncDeferredMethodTests
{
    [Fact]
    public void AsyncDeferred_BodyCompletesSynchronously_ReturnsFiredDeferred()
    {
        var d = Add(Defer.Succeed(1), Defer.Succeed(2));

        Assert.True(d.Called);
        Assert.Equal(3, Defer.SuccessResultOf(d));
    }

    [Fact]
    public void AsyncDeferred_AwaitsUnfired_HasNoResultUntilItFires()
    {
        var a = new Deferred<int>();
        var b = new Deferred<int>();
        var d = Add(a, b);
        Defer.AssertNoResult(d);

        a.Callback(1);
        Defer.AssertNoResult(d);
        b.Callback(2);

        Assert.Equal(3, Defer.SuccessResultOf(d));
    }

    [Fact]
    public void AsyncDeferred_Resumed_RunsBeforeLaterCallbacksOfAwaitedAndFiresOuterBeforeCallbackReturns()
    {
        var log = new List<string>();
        var inner = new Deferred<int>();
        var outer = Relay(inner, log);
        outer.AddCallback(v => { log.Add($"outer callback {v}"); return v; });
        inner.AddCallback(v => { log.Add($"inner later {v ?? "null"}"); return v; });

        inner.Callback(5);
        log.Add("callback returned");

        Assert.Equal(["relay resumed 5", "outer callback 5", "inner later null", "callback returned"], log);
    }

    [Fact]
    public void AsyncDeferredUntyped_Returns_FiresWithNull()
    {
        var inner = new Deferred();
        var ran = false;
        var d = Untyped(inner, () => ran = true);
        Defer.AssertNoResult(d);

        inner.Callback("ignored");

        Assert.True(ran);
        Assert.Null(Defer.SuccessResultOf(d));
    }

    [Fact]
    public void AsyncDeferred_ThrowsBeforeFirstAwait_FailsDeferredInsteadOfThrowing()
    {
        var d = ThrowsAt(0, new Deferred());

        Assert.IsType<ArithmeticException>(Defer.FailureResultOf(d).Value);
    }

    [Fact]
    public void AsyncDeferred_ThrowsAfterAwait_FailsDeferred()
    {
        var inner = new Deferred();
        var d = ThrowsAt(1, inner);
        Defer.AssertNoResult(d);

        inner.Callback(null);

        var failure = Defer.FailureResultOf(d, typeof(ArithmeticException));
        Assert.Contains(nameof(ThrowsAt), failure.Value.StackTrace, StringComparison.Ordinal);
    }

    [Fact]
    public void AsyncDeferred_AwaitedFailure_PropagatesSameExceptionObject()
    {
        var inner = new Deferred<int>();
        var d = Relay(inner, []);
        var error = new TimeoutException("late");

        inner.Errback(error);

        Assert.Same(error, Defer.FailureResultOf(d).Value);
    }

    [Fact]
    public void AsyncDeferred_ReturnsADeferred_FailsWithInvalidOperation()
    {
        var d = ReturnsDeferred();

        Assert.IsType<InvalidOperationException>(Defer.FailureResultOf(d).Value);
    }

    [Fact]
    public void AsyncDeferred_TwoLevels_SuspendAndResumeInOrder()
    {
        var sections = new List<int>();
        var first = new Deferred();
        var second = new Deferred();
        var d = Outer();

        Assert.Equal([1, 2], sections);
        first.Callback(null);
        Assert.Equal([1, 2, 3, 4], sections);
        second.Callback(null);
        Assert.Equal([1, 2, 3, 4, 5], sections);
        Assert.Equal("Yay!", Defer.SuccessResultOf(d));

        async Deferred<string> Inner()
        {
            sections.Add(2);
            await first;
            sections.Add(3);
            return "Yay!";
        }

        async Deferred<string> Outer()
        {
            sections.Add(1);
            var result = await Inner();
            sections.Add(4);
            await second;
            sections.Add(5);
            return result;
        }
    }

    [Fact]
    public void AsyncDeferred_ToString_ShowsDeferredNotTheBoxType()
    {
        var d = Relay(new Deferred<int>(), []);

        Assert.StartsWith("<Deferred at 0x", d.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AsyncDeferred_AwaitingATask_ResumesWhenTheTaskCompletes()
    {
        var source = new TaskCompletionSource<int>();
        var d = AwaitTask(source.Task);
        Defer.AssertNoResult(d);

        source.SetResult(4); // no synchronization context: the continuation runs on this thread, inline

        Assert.Equal(5, Defer.SuccessResultOf(d));

        static async Deferred<int> AwaitTask(Task<int> task) => await task + 1;
    }

    [Fact]
    public void AsyncDeferred_100000NestedLevels_CompleteOnOneMiBStack()
    {
        const int Levels = 100_000;
        Exception? error = null;
        var result = 0;
        var thread = new Thread(
            () =>
            {
                try
                {
                    var innermost = new Deferred<int>();
                    var current = innermost;
                    for (var i = 0; i < Levels; i++)
                    {
                        current = AddOne(current);
                    }
                    innermost.Callback(0);
                    result = Defer.SuccessResultOf(current);
                }
                catch (Exception exception)
                {
                    error = exception;
                }
            },
            maxStackSize: 1 << 20);
        thread.Start();
        thread.Join();

        Assert.Null(error);
        Assert.Equal(Levels, result);

        static async Deferred<int> AddOne(Deferred<int> inner) => await inner + 1;
    }

    [Fact]
    public void AsyncDeferred_AwaitingUnfiredDeferreds_AllocatesNothingPerAwait()
    {
        Measure(3, typed: false); // warm up: JIT, statics
        Measure(3, typed: true);

        Assert.Equal(Measure(1, typed: false), Measure(10, typed: false));
        Assert.Equal(Measure(1, typed: true), Measure(10, typed: true));

        static long Measure(int awaits, bool typed)
        {
            object one = 1; // boxed once: firing must not allocate either
            var sources = new Deferred[awaits];
            for (var i = 0; i < awaits; i++)
            {
                sources[i] = typed ? new Deferred<int>() : new Deferred();
            }
            var before = GC.GetAllocatedBytesForCurrentThread();
            var d = typed ? SumTyped(sources) : Sum(sources);
            foreach (var source in sources)
            {
                source.Callback(one);
            }
            var after = GC.GetAllocatedBytesForCurrentThread();
            Assert.Equal(awaits, Defer.SuccessResultOf(d));
            return after - before;
        }

        static async Deferred<int> Sum(Deferred[] sources)
        {
            var total = 0;
            foreach (var source in sources)
            {
                total += (int)(await source)!;
            }
            return total;
        }

        static async Deferred<int> SumTyped(Deferred[] sources)
        {
            var total = 0;
            foreach (var source in sources)
            {
                total += await (Deferred<int>)source;
            }
            return total;
        }
    }

    [Fact]
    public void AsyncDeferred_AsyncLocalSetInsideBeforeFirstAwait_IsRestoredForTheCaller()
    {
        var local = new AsyncLocal<string>();
        local.Value = "caller";
        var inner = new Deferred();

        _ = SetAndAwait(local, inner, "method");

        Assert.Equal("caller", local.Value);
    }

    [Fact]
    public void AsyncDeferred_AsyncLocal_FlowsAcrossAwaitsAndDoesNotSeeTheFirersValue()
    {
        var local = new AsyncLocal<string>();
        var inner = new Deferred();
        var d = SetAndAwait(local, inner, "method");
        local.Value = "firer";

        inner.Callback(null);

        Assert.Equal("method", Defer.SuccessResultOf(d));
        Assert.Equal("firer", local.Value); // and the method's context did not leak into the firer's
    }

    [Fact]
    public void AsyncDeferred_SynchronizationContextChangedInside_IsRestoredForTheCaller()
    {
        var previous = SynchronizationContext.Current;
        var inner = new Deferred();

        _ = ChangeContext(inner);

        Assert.Same(previous, SynchronizationContext.Current);
        inner.Callback(null);
        Assert.Same(previous, SynchronizationContext.Current);

        static async Deferred ChangeContext(Deferred inner)
        {
            SynchronizationContext.SetSynchronizationContext(new SynchronizationContext());
            await inner;
        }
    }

    [Fact]
    public void AsyncDeferred_ResumedInTheSameContext_ChangesMadeAfterTheAwaitDoNotLeakIntoTheFirer()
    {
        // Nothing set between the await and the firing: the method resumes in the firer's own context,
        // so what it sets after resuming must be undone for the firer all the same.
        var local = new AsyncLocal<string>();
        var previous = SynchronizationContext.Current;
        var inner = new Deferred();
        var d = SetAfterAwait(local, inner);

        inner.Callback(null);

        Assert.Equal("set after the await", Defer.SuccessResultOf(d));
        Assert.Null(local.Value);
        Assert.Same(previous, SynchronizationContext.Current);

        static async Deferred<string?> SetAfterAwait(AsyncLocal<string> local, Deferred inner)
        {
            await inner;
            local.Value = "set after the await";
            SynchronizationContext.SetSynchronizationContext(new SynchronizationContext());
            return local.Value;
        }
    }

    private static async Deferred<int> Add(Deferred<int> a, Deferred<int> b) => await a + await b;

    private static async Deferred<int> Relay(Deferred<int> inner, List<string> log)
    {
        var value = await inner;
        log.Add($"relay resumed {value}");
        return value;
    }

    private static async Deferred Untyped(Deferred inner, Action after)
    {
        await inner;
        after();
    }

    private static async Deferred ThrowsAt(int awaitsFirst, Deferred inner)
    {
        if (awaitsFirst > 0)
        {
            await inner;
        }
        throw new ArithmeticException("thrown by the method");
    }

    private static async Deferred<Deferred> ReturnsDeferred()
    {
        await Defer.Succeed(1);
        return new Deferred();
    }

    private static async Deferred<string?> SetAndAwait(AsyncLocal<string> local, Deferred inner, string value)
    {
        local.Value = value;
        await inner;
        return local.Value;
    }
}
