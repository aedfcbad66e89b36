using System.Runtime.CompilerServices;

namespace Deferreds.Tests.Time;

/// <summary>
/// The call queue's lazy deletion (cancel marks, reset queues afresh, stale entries are dropped or compacted):
/// counts, order and memory after many cancels and resets, on the Clock, its timers and the Reactor.
/// </summary>
public sealed class ClockQueueTests
{
    [Fact]
    public void Cancel_MostOfManyCalls_RestRunInOrderAndCountsStayTrue()
    {
        var clock = new Clock();
        var ran = new List<int>();
        var calls = new List<IDelayedCall>();
        for (var i = 0; i < 5000; i++)
        {
            var index = i;
            calls.Add(clock.CallLater(i % 50, () => ran.Add(index)));
        }
        var kept = new List<int>();
        for (var i = 0; i < calls.Count; i++)
        {
            if (i % 10 == 3)
            {
                kept.Add(i);
            }
            else
            {
                calls[i].Cancel();
            }
        }
        Assert.Equal(kept.Count, clock.GetDelayedCalls().Count);
        Assert.Equal($"<Clock at 0s, {kept.Count} pending>", clock.ToString());
        Assert.Equal(kept.OrderBy(i => i % 50).ThenBy(i => i), clock.GetDelayedCalls().Select(c => calls.IndexOf(c)));
        clock.Advance(100);
        Assert.Equal(kept.OrderBy(i => i % 50).ThenBy(i => i), ran);
        Assert.Empty(clock.GetDelayedCalls());
        Assert.All(calls, c => Assert.False(c.Active));
    }

    [Fact]
    public void Cancel_TimeoutsAlmostAlwaysCancelled_CancelledCallsAreReleased()
    {
        var clock = new Clock();
        var lastRan = false;
        clock.CallLater(1000, () => lastRan = true);
        var released = ScheduleAndCancelTimeouts(clock, 10_000);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        // Stale entries are compacted away once they outnumber live ones, so nearly every cancelled call is garbage.
        Assert.True(released.Count(w => w.TryGetTarget(out _)) < 100, "cancelled calls are still referenced by the queue");
        Assert.Single(clock.GetDelayedCalls());
        clock.Advance(1000);
        Assert.True(lastRan);
    }

    [Fact]
    public void Reset_SameCallManyTimes_RunsOnceAtLastTime()
    {
        var clock = new Clock();
        var runs = new List<double>();
        var call = clock.CallLater(1, () => runs.Add(clock.Seconds()));
        var other = clock.CallLater(5, () => runs.Add(-clock.Seconds()));
        for (var i = 0; i < 10_000; i++)
        {
            call.Reset(1 + (i % 7));
            if (i % 100 == 0)
            {
                clock.Advance(0);
            }
        }
        call.Reset(3);
        Assert.Equal(2, clock.GetDelayedCalls().Count);
        Assert.Equal([3.0, 5.0], clock.GetDelayedCalls().Select(c => c.GetTime()));
        clock.Advance(10);
        Assert.Equal([10.0, -10.0], runs);
        Assert.False(call.Active);
        Assert.False(other.Active);
    }

    /// <summary>Calls a, b and c, each recording its name, all due at 1 s; returns a's handle.</summary>
    private static (Clock Clock, List<string> Order, IDelayedCall A) ThreeCallsAtOneSecond()
    {
        var clock = new Clock();
        var order = new List<string>();
        var a = clock.CallLater(1, () => order.Add("a"));
        clock.CallLater(1, () => order.Add("b"));
        clock.CallLater(1, () => order.Add("c"));
        return (clock, order, a);
    }

    [Fact]
    [Trait("Twisted", "list [a, b, c] at 1; a.reset(2); a.reset(1) with no sort between: a keeps its place")]
    public void Reset_AwayAndBackWithoutSortPoint_KeepsItsPlace()
    {
        var (clock, order, a) = ThreeCallsAtOneSecond();
        a.Reset(2);
        a.Reset(1);
        Assert.Equal(3, clock.GetDelayedCalls().Count);
        clock.Advance(1);
        Assert.Equal(["a", "b", "c"], order);
    }

    [Fact]
    [Trait("Twisted", "list [a, b, c] at 1; a.reset(2); callLater sorts; a.reset(1): a now sorts after b and c")]
    public void Reset_AwayAndBackAcrossSortPoint_GoesAfterCallsAtThatTime()
    {
        var (clock, order, a) = ThreeCallsAtOneSecond();
        a.Reset(2);
        clock.CallLater(5, () => order.Add("x"));
        a.Reset(1);
        Assert.Equal(4, clock.GetDelayedCalls().Count);
        clock.Advance(1);
        Assert.Equal(["b", "c", "a"], order);
    }

    [Fact]
    public void CancelAfterReset_CallNeverRunsAndIsNotCounted()
    {
        var clock = new Clock();
        var ran = new List<string>();
        var a = clock.CallLater(1, () => ran.Add("a"));
        clock.CallLater(2, () => ran.Add("b"));
        a.Reset(3);
        clock.Advance(0);
        a.Delay(-1);
        a.Cancel();
        Assert.Equal("<Clock at 0s, 1 pending>", clock.ToString());
        clock.Advance(5);
        Assert.Equal(["b"], ran);
        Assert.Equal("<Clock at 5s, 0 pending>", clock.ToString());
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void RandomCancelHeavyScript_ClockAndTwistedListModel_RunSameCallsInSameOrder(int seed)
    {
        Assert.Equal(RunCancelHeavyScript(seed, useModel: true), RunCancelHeavyScript(seed, useModel: false));
    }

    [Fact]
    public void Timer_ChangedManyTimes_OneTickPendingAndFiresOnce()
    {
        var clock = new Clock();
        var fired = 0;
        using var timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        for (var i = 0; i < 1000; i++)
        {
            timer.Change(TimeSpan.FromSeconds(1 + (i % 5)), Timeout.InfiniteTimeSpan);
        }
        var tick = Assert.Single(clock.GetDelayedCalls());
        Assert.Equal(5.0, tick.GetTime());
        Assert.Contains("called=0 cancelled=0", tick.ToString(), StringComparison.Ordinal);
        clock.Advance(10);
        Assert.Equal(1, fired);
        Assert.Empty(clock.GetDelayedCalls());
    }

    [Fact]
    public void Timer_ChangedInsideItsOwnTick_OnlyTheNewScheduleFires()
    {
        var clock = new Clock();
        var ticks = new List<double>();
        ITimer? timer = null;
        timer = clock.CreateTimer(_ =>
        {
            ticks.Add(clock.Seconds());
            if (ticks.Count == 1)
            {
                timer!.Change(TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan);
            }
        }, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        clock.Advance(1);
        clock.Advance(1);
        clock.Advance(1);
        Assert.Equal([1.0], ticks);
        clock.Advance(1);
        Assert.Equal([1.0, 4.0], ticks);
        Assert.Empty(clock.GetDelayedCalls());
        timer.Dispose();
    }

    [Fact]
    public async Task Reactor_ManyCancelsAndResets_RunsTheRestInOrder()
    {
        using var reactor = new Reactor();
        var ran = new List<int>();
        var calls = new List<IDelayedCall>();
        for (var i = 0; i < 2000; i++)
        {
            var index = i;
            calls.Add(reactor.CallLater(60, () => ran.Add(index)));
        }
        for (var i = calls.Count - 1; i >= 0; i--)
        {
            if (i % 100 == 0)
            {
                calls[i].Reset(30);
            }
            else
            {
                calls[i].Cancel();
            }
        }
        // Reset again, in order and to growing delays, so real time passing between resets cannot reorder them.
        for (var i = 0; i < calls.Count; i += 100)
        {
            calls[i].Reset(0.01 * (1 + (i / 100)));
        }
        Assert.Equal(20, reactor.GetDelayedCalls().Count);
        Assert.Equal("<Reactor NotStarted, 20 pending calls>", reactor.ToString());
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        reactor.CallLater(0.5, done.SetResult);
        reactor.Start();
        await done.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(Enumerable.Range(0, 20).Select(k => 100 * k), ran);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static List<WeakReference<IDelayedCall>> ScheduleAndCancelTimeouts(Clock clock, int count)
    {
        var released = new List<WeakReference<IDelayedCall>>();
        for (var i = 0; i < count; i++)
        {
            var call = clock.CallLater(30, () => { });
            released.Add(new WeakReference<IDelayedCall>(call));
            call.Cancel();
        }
        return released;
    }

    /// <summary>
    /// Many calls on few distinct times, most cancelled or reset (often more than once, sometimes back to the same
    /// time), with advances between; the log of what ran when, and the pending order every 50 steps.
    /// </summary>
    private static List<string> RunCancelHeavyScript(int seed, bool useModel)
    {
        var random = new Random(seed);
        var log = new List<string>();
        var model = new TwistedListClock();
        var clock = new Clock();
        var modelCalls = new List<TwistedListClock.ModelCall>();
        var calls = new List<IDelayedCall>();
        var ids = new Dictionary<object, int>(ReferenceEqualityComparer.Instance);
        double[] delays = [0, 0.5, 1, 2, 3];
        double Now() => useModel ? model.Now : clock.Seconds();
        for (var step = 0; step < 3000; step++)
        {
            var created = ids.Count;
            var id = random.Next(Math.Max(created, 1));
            var roll = random.Next(10);
            var arg = delays[random.Next(delays.Length)];
            if (roll < 3 || created == 0)
            {
                Action f = () => log.Add($"run {created} at {Now()}");
                if (useModel)
                {
                    modelCalls.Add(model.CallLater(arg, f));
                    ids[modelCalls[^1]] = created;
                }
                else
                {
                    calls.Add(clock.CallLater(arg, f));
                    ids[calls[^1]] = created;
                }
            }
            else if (useModel && modelCalls[id].Active)
            {
                var call = modelCalls[id];
                Apply(roll, arg, call.Cancel, call.Reset, call.Delay, model.Advance);
            }
            else if (!useModel && calls[id].Active)
            {
                var call = calls[id];
                Apply(roll, arg, call.Cancel, call.Reset, call.Delay, clock.Advance);
            }
            if (step % 50 == 0)
            {
                IEnumerable<object> pending = useModel ? model.Calls : clock.GetDelayedCalls();
                log.Add("pending " + string.Join(",", pending.Select(c => ids[c])));
            }
        }
        if (useModel)
        {
            model.Advance(100);
        }
        else
        {
            clock.Advance(100);
        }
        return log;

        // The same operation on the model's call or the Clock's: mostly cancels and resets (away and back).
        static void Apply(int roll, double arg, Action cancel, Action<double> reset, Action<double> delay, Action<double> advance)
        {
            switch (roll)
            {
                case < 6:
                    cancel();
                    break;
                case < 8:
                    reset(arg);
                    reset(arg + 1);
                    reset(arg);
                    break;
                case 8:
                    delay(arg - 1);
                    break;
                default:
                    advance(0.5);
                    break;
            }
        }
    }
}
