namespace Deferreds.Tests.Time;

/// <summary>Clock ordering as Twisted's (reference §2.18, scenarios 111–114), including reset tie-breaking.</summary>
public sealed class ClockOrderingTests
{
    [Fact]
    public void Advance_EqualDueTimes_RunInSchedulingOrder()
    {
        var clock = new Clock();
        var order = new List<string>();
        clock.CallLater(1, () => order.Add("a"));
        clock.CallLater(1, () => order.Add("b"));
        clock.CallLater(0.5, () => order.Add("early"));
        clock.CallLater(1, () => order.Add("c"));
        clock.Advance(1);
        Assert.Equal(["early", "a", "b", "c"], order);
    }

    [Fact]
    public void Advance_PastSeveralDueTimes_EveryCallSeesFinalTime()
    {
        var clock = new Clock();
        var seen = new List<double>();
        clock.CallLater(1, () => seen.Add(clock.Seconds()));
        clock.CallLater(2, () => seen.Add(clock.Seconds()));
        clock.Advance(5);
        Assert.Equal([5.0, 5.0], seen);
    }

    [Fact]
    public void Advance_CallScheduledForReachedTime_RunsInSameAdvance()
    {
        var clock = new Clock();
        var order = new List<string>();
        clock.CallLater(1, () =>
        {
            order.Add("f@" + clock.Seconds());
            clock.CallLater(0, () => order.Add("zero@" + clock.Seconds()));
            clock.CallLater(0.5, () => order.Add("half@" + clock.Seconds()));
        });
        clock.CallLater(2, () => order.Add("two@" + clock.Seconds()));
        clock.Advance(3);
        Assert.Equal(["f@3", "two@3", "zero@3"], order);
        var pending = Assert.Single(clock.GetDelayedCalls());
        Assert.Equal(3.5, pending.GetTime());
    }

    [Fact]
    public void Advance_CallThrows_PropagatesAndLeavesRestPending()
    {
        var clock = new Clock();
        var order = new List<string>();
        var first = clock.CallLater(1, () => throw new InvalidOperationException("boom"));
        clock.CallLater(1, () => order.Add("second"));
        var error = Assert.Throws<InvalidOperationException>(() => clock.Advance(1));
        Assert.Equal("boom", error.Message);
        Assert.False(first.Active);
        Assert.Empty(order);
        Assert.Single(clock.GetDelayedCalls());
        clock.Advance(0);
        Assert.Equal(["second"], order);
    }

    [Fact]
    [Trait("Twisted", "reference §2.18.8 a@1, b@2, a.reset(2)")]
    public void Reset_LaterOntoTieWithLaterScheduledCall_RunsFirst()
    {
        var clock = new Clock();
        var order = new List<string>();
        var a = clock.CallLater(1, () => order.Add("a"));
        clock.CallLater(2, () => order.Add("b"));
        a.Reset(2);
        clock.Advance(2);
        Assert.Equal(["a", "b"], order);
    }

    [Fact]
    [Trait("Twisted", "reference §2.18.8 b@2, a@1, a.reset(2)")]
    public void Reset_LaterOntoTieWithEarlierScheduledCall_RunsFirst()
    {
        var clock = new Clock();
        var order = new List<string>();
        clock.CallLater(2, () => order.Add("b"));
        var a = clock.CallLater(1, () => order.Add("a"));
        a.Reset(2);
        clock.Advance(2);
        Assert.Equal(["a", "b"], order);
    }

    [Fact]
    [Trait("Twisted", "reference §2.18.8 a@3, b@2, a.reset(2)")]
    public void Reset_SoonerOntoTie_RunsAfter()
    {
        var clock = new Clock();
        var order = new List<string>();
        var a = clock.CallLater(3, () => order.Add("a"));
        clock.CallLater(2, () => order.Add("b"));
        a.Reset(2);
        clock.Advance(2);
        Assert.Equal(["b", "a"], order);
    }

    [Fact]
    public void Reset_WithoutSortPoint_GetDelayedCallsShowsListOrderUntilNextSort()
    {
        var clock = new Clock();
        var a = clock.CallLater(1, () => { });
        var b = clock.CallLater(2, () => { });
        a.Reset(5);
        Assert.Equal([a, b], clock.GetDelayedCalls());
        clock.Advance(0);
        Assert.Equal([b, a], clock.GetDelayedCalls());
    }

    [Fact]
    public void ResetAndDelay_ReferenceExample_GiveTwistedsDueTimes()
    {
        var clock = new Clock();
        clock.Advance(10);
        var call = clock.CallLater(5, () => { });
        call.Reset(10);
        Assert.Equal(20.0, call.GetTime());
        call.Reset(2);
        Assert.Equal(12.0, call.GetTime());
        call.Delay(3);
        Assert.Equal(15.0, call.GetTime());
        call.Delay(-4);
        Assert.Equal(11.0, call.GetTime());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void RandomScript_ClockAndTwistedListModel_RunSameCallsInSameOrder(int seed)
    {
        Assert.Equal(RunScript(seed, new ModelAdapter()), RunScript(seed, new ClockAdapter()));
    }

    /// <summary>
    /// Random schedules, resets (also from inside running calls), delays, cancels and advances on few distinct
    /// times, so ties are everywhere; returns the log of what ran when and the pending order after each step.
    /// </summary>
    private static List<string> RunScript(int seed, IScriptClock clock)
    {
        var random = new Random(seed);
        var log = new List<string>();
        double[] delays = [0, 0.5, 1, 1.5, 2, 3];
        double[] shifts = [-1, -0.5, 0, 0.5, 1];
        var created = 0;

        void Schedule(double delay)
        {
            var id = created++;
            var action = random.Next(4);
            var target = random.Next(Math.Max(created, 1));
            var arg = delays[random.Next(delays.Length)];
            clock.Schedule(id, delay, () =>
            {
                log.Add($"run {id} at {clock.Now}");
                if (action == 0 && clock.Active(target))
                {
                    clock.Reset(target, arg);
                }
                else if (action == 1 && created < 400)
                {
                    Schedule(arg);
                }
            });
        }

        for (var step = 0; step < 300; step++)
        {
            var id = random.Next(Math.Max(created, 1));
            switch (random.Next(6))
            {
                case 0:
                case 1:
                    Schedule(delays[random.Next(delays.Length)]);
                    break;
                case 2:
                    var secondsFromNow = delays[random.Next(delays.Length)];
                    if (clock.Active(id))
                    {
                        clock.Reset(id, secondsFromNow);
                    }
                    break;
                case 3:
                    var shift = shifts[random.Next(shifts.Length)];
                    if (clock.Active(id))
                    {
                        clock.Delay(id, shift);
                    }
                    break;
                case 4:
                    if (clock.Active(id) && random.Next(3) == 0)
                    {
                        clock.Cancel(id);
                    }
                    break;
                default:
                    clock.Advance(random.Next(3) * 0.5);
                    break;
            }
            log.Add("pending " + string.Join(",", clock.PendingIds()));
        }
        clock.Advance(100);
        log.Add("pending " + string.Join(",", clock.PendingIds()));
        return log;
    }

    private interface IScriptClock
    {
        double Now { get; }

        void Schedule(int id, double delay, Action f);

        bool Active(int id);

        void Reset(int id, double secondsFromNow);

        void Delay(int id, double secondsLater);

        void Cancel(int id);

        void Advance(double amount);

        IEnumerable<int> PendingIds();
    }

    private sealed class ClockAdapter : IScriptClock
    {
        private readonly Clock clock = new();
        private readonly Dictionary<int, IDelayedCall> calls = [];
        private readonly Dictionary<IDelayedCall, int> ids = new(ReferenceEqualityComparer.Instance);

        public double Now => clock.Seconds();

        public void Schedule(int id, double delay, Action f)
        {
            var call = clock.CallLater(delay, f);
            calls[id] = call;
            ids[call] = id;
        }

        public bool Active(int id) => calls.TryGetValue(id, out var call) && call.Active;

        public void Reset(int id, double secondsFromNow) => calls[id].Reset(secondsFromNow);

        public void Delay(int id, double secondsLater) => calls[id].Delay(secondsLater);

        public void Cancel(int id) => calls[id].Cancel();

        public void Advance(double amount) => clock.Advance(amount);

        public IEnumerable<int> PendingIds() => clock.GetDelayedCalls().Select(c => ids[c]);
    }

    private sealed class ModelAdapter : IScriptClock
    {
        private readonly TwistedListClock clock = new();
        private readonly Dictionary<int, TwistedListClock.ModelCall> calls = [];
        private readonly Dictionary<TwistedListClock.ModelCall, int> ids = new(ReferenceEqualityComparer.Instance);

        public double Now => clock.Now;

        public void Schedule(int id, double delay, Action f)
        {
            var call = clock.CallLater(delay, f);
            calls[id] = call;
            ids[call] = id;
        }

        public bool Active(int id) => calls.TryGetValue(id, out var call) && call.Active;

        public void Reset(int id, double secondsFromNow) => calls[id].Reset(secondsFromNow);

        public void Delay(int id, double secondsLater) => calls[id].Delay(secondsLater);

        public void Cancel(int id) => calls[id].Cancel();

        public void Advance(double amount) => clock.Advance(amount);

        public IEnumerable<int> PendingIds() => clock.Calls.Select(c => ids[c]);
    }
}
