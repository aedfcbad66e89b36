using static Deferreds.Defer;

namespace Deferreds.Tests.Twisted.TestTask;

/// <summary>Ports of twisted.test.test_task.LoopTests and ReactorLoopTests, on a Clock (reference scenarios 115–128).</summary>
public sealed class LoopingCallTests
{
    private sealed class TestException(string message = "") : Exception(message);

    [Fact]
    [Trait("Twisted", "test_defaultClock")]
    public void Start_WithoutClock_ThrowsInvalidOperation()
    {
        var call = new LoopingCall(() => null);
        Assert.Null(call.Clock);
        var error = Assert.Throws<InvalidOperationException>(() => call.Start(1));
        Assert.Contains("Clock", error.Message, StringComparison.Ordinal);
        Assert.False(call.Running);
    }

    [Fact]
    [Trait("Twisted", "test_callbackTimeSkips")]
    public void Start_CallbackTakesLongerThanInterval_SkipsMissedIntervals()
    {
        var times = new List<double>();
        double callDuration = 2;
        var clock = new Clock();
        var call = new LoopingCall(() =>
        {
            times.Add(clock.Seconds());
            clock.Advance(callDuration);
            return null;
        }) { Clock = clock };
        call.Start(0.5);
        Assert.Equal([0.0], times);
        Assert.Equal(2.0, clock.Seconds());
        clock.Advance(0);
        Assert.Equal([0.0], times);
        callDuration = 1;
        clock.Advance(0.5);
        Assert.Equal([0.0, 2.5], times);
        Assert.Equal(3.5, clock.Seconds());
        clock.Advance(0);
        Assert.Equal([0.0, 2.5], times);
        callDuration = 0;
        clock.Advance(0.5);
        Assert.Equal([0.0, 2.5, 4.0], times);
        Assert.Equal(4.0, clock.Seconds());
    }

    [Fact]
    [Trait("Twisted", "test_reactorTimeSkips")]
    public void Start_ClockJumpsPastIntervals_SkipsThem()
    {
        var times = new List<double>();
        var clock = new Clock();
        var call = new LoopingCall(() =>
        {
            times.Add(clock.Seconds());
            return null;
        }) { Clock = clock };
        call.Start(0.5);
        Assert.Equal([0.0], times);
        clock.Advance(2);
        Assert.Equal([0.0, 2.0], times);
        clock.Advance(1);
        Assert.Equal([0.0, 2.0, 3.0], times);
        clock.Advance(0);
        Assert.Equal([0.0, 2.0, 3.0], times);
    }

    [Fact]
    [Trait("Twisted", "test_reactorTimeCountSkips")]
    public void WithCount_ClockJumpsPastIntervals_CountsThem()
    {
        var times = new List<(double, int)>();
        var clock = new Clock();
        var call = LoopingCall.WithCount(n =>
        {
            times.Add((clock.Seconds(), n));
            return null;
        });
        call.Clock = clock;
        const double Interval = 0.5;
        const double RealisticDelay = 0.01;
        call.Start(Interval);
        Assert.Equal([(0.0, 1)], times);
        clock.Advance(Interval + RealisticDelay);
        Assert.Equal([(0.0, 1), (Interval + RealisticDelay, 1)], times);
        clock.Advance((3 * Interval) + RealisticDelay);
        (double, int)[] expected = [(0.0, 1), (Interval + RealisticDelay, 1), ((4 * Interval) + (2 * RealisticDelay), 3)];
        Assert.Equal(expected, times);
        clock.Advance(0);
        Assert.Equal(expected, times);
    }

    [Fact]
    [Trait("Twisted", "test_countLengthyIntervalCounts")]
    public void WithCount_LessThanTwoIntervalsBetweenCalls_CountsOne()
    {
        var times = new List<(double, int)>();
        var clock = new Clock();
        var call = LoopingCall.WithCount(n =>
        {
            times.Add((clock.Seconds(), n));
            return null;
        });
        call.Clock = clock;
        const double Interval = 0.5;
        const double RealisticDelay = 0.01;
        call.Start(Interval);
        Assert.Equal((0.0, 1), times[^1]);
        clock.Advance(Interval + RealisticDelay);
        Assert.Equal((Interval + RealisticDelay, 1), times[^1]);
        clock.Advance(Interval * 1.75);
        Assert.Equal(((2.75 * Interval) + RealisticDelay, 1), times[^1]);
        clock.Advance(Interval * 0.25);
        Assert.Equal(((3.0 * Interval) + RealisticDelay, 1), times[^1]);
        Assert.Equal(4, times.Count);
    }

    [Fact]
    [Trait("Twisted", "test_withCountFloatingPointBoundary")]
    public void WithCount_IntervalInexactInBinary_NeverCountsZeroAndSumsToIntervals()
    {
        var clock = new Clock();
        var accumulator = new List<int>();
        var call = LoopingCall.WithCount(n =>
        {
            accumulator.Add(n);
            return null;
        });
        call.Clock = clock;
        const int Count = 10;
        const double Timespan = 1.0;
        const double Interval = Timespan / Count;
        call.Start(Interval, now: false);
        for (var x = 0; x < Count; x++)
        {
            clock.Advance(Interval);
        }
        var sum = 0.0;
        for (var x = 0; x < Count; x++)
        {
            sum += Interval;
        }
        var epsilon = Timespan - sum;
        clock.Advance(epsilon);
        Assert.True(Math.Abs(epsilon) > 0.0);
        Assert.True(clock.Seconds() >= Timespan);
        Assert.Equal(Count, accumulator.Sum());
        Assert.DoesNotContain(0, accumulator);
    }

    [Fact]
    [Trait("Twisted", "test_withCountIntervalZero")]
    public void WithCount_IntervalZero_CountsOneEachTime()
    {
        var clock = new Clock();
        var accumulator = new List<int>();
        LoopingCall? loop = null;
        loop = LoopingCall.WithCount(n =>
        {
            accumulator.Add(n);
            if (accumulator.Count > 4)
            {
                loop!.Stop();
            }
            return null;
        });
        loop.Clock = clock;
        var deferred = loop.Start(0, now: false);
        clock.Advance(0);
        Assert.Same(loop, SuccessResultOf(deferred));
        Assert.Equal([1, 1, 1, 1, 1], accumulator);
    }

    [Fact]
    [Trait("Twisted", "test_withCountIntervalZeroDelay")]
    public void WithCount_IntervalZeroWithPendingDeferred_WaitsThenCountsOne()
    {
        var clock = new Clock();
        var deferred = new Deferred();
        var accumulator = new List<int>();
        LoopingCall? loop = null;
        loop = LoopingCall.WithCount(n =>
        {
            accumulator.Add(n);
            if (accumulator.Count == 2)
            {
                return deferred;
            }
            if (accumulator.Count > 4)
            {
                loop!.Stop();
            }
            return null;
        });
        loop.Clock = clock;
        loop.Start(0, now: false);
        clock.Advance(0);
        Assert.Equal([1, 1], accumulator);
        clock.Advance(2);
        Assert.Equal([1, 1], accumulator);
        deferred.Callback(null);
        clock.Advance(0);
        Assert.Equal([1, 1, 1, 1, 1], accumulator);
    }

    [Fact]
    [Trait("Twisted", "test_withCountIntervalZeroDelayThenNonZeroInterval")]
    public void WithCount_IntervalChangedFromZero_CountsFromLastCall()
    {
        var clock = new Clock();
        var deferred = new Deferred();
        var accumulator = new List<int>();
        var loop = LoopingCall.WithCount(n =>
        {
            accumulator.Add(n);
            return accumulator.Count == 2 ? deferred : null;
        });
        loop.Clock = clock;
        loop.Start(0, now: false);
        clock.Advance(10);
        Assert.Equal([1, 1], accumulator);
        loop.Interval = TimeSpan.FromSeconds(2);
        deferred.Callback(null);
        clock.Advance(7);
        Assert.Equal([1, 1, 3], accumulator);
        clock.Advance(2);
        Assert.Equal([1, 1, 3, 1], accumulator);
        clock.Advance(4);
        Assert.Equal([1, 1, 3, 1, 2], accumulator);
    }

    [Fact]
    [Trait("Twisted", "testBasicFunction")]
    public void Start_Now_CallsEachIntervalAndStopFiresWithLoop()
    {
        var clock = new Clock();
        var calls = new List<string>();
        var lc = new LoopingCall(() =>
        {
            calls.Add("a b d");
            return null;
        }) { Clock = clock };
        var d = lc.Start(0.1);
        var results = new List<object?>();
        d.AddCallback(r =>
        {
            results.Add(r);
            return r;
        });
        clock.Pump([0.05, 0.1, 0.1]);
        Assert.Equal(3, calls.Count);
        lc.Stop();
        Assert.Same(lc, Assert.Single(results));
        Assert.Empty(clock.GetDelayedCalls());
    }

    [Fact]
    [Trait("Twisted", "testDelayedStart")]
    public void Start_NotNow_WaitsOneInterval()
    {
        var clock = new Clock();
        var count = 0;
        var lc = new LoopingCall(() => count++) { Clock = clock };
        var d = lc.Start(0.1, now: false);
        clock.Pump([0.05, 0.1, 0.1]);
        Assert.Equal(2, count);
        lc.Stop();
        Assert.Same(lc, SuccessResultOf(d));
        Assert.Empty(clock.GetDelayedCalls());
    }

    [Fact]
    [Trait("Twisted", "testBadDelay")]
    public void Start_NegativeInterval_ThrowsArgumentOutOfRange()
    {
        var lc = new LoopingCall(() => null) { Clock = new Clock() };
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => lc.Start(-1));
        Assert.StartsWith("interval must be >= 0", error.Message, StringComparison.Ordinal);
        Assert.False(lc.Running);
    }

    [Theory]
    [Trait("Twisted", "testStopAtOnce")]
    [Trait("Twisted", "testStoppingBeforeDelayedStart")]
    [InlineData(0)]
    [InlineData(10)]
    public void Stop_BeforeDelayedStart_NeverRuns(double delay)
    {
        var clock = new Clock();
        var ran = 0;
        var lc = new LoopingCall(() => ran++) { Clock = clock };
        var d = lc.Start(delay, now: false);
        lc.Stop();
        Assert.Equal(0, ran);
        Assert.Empty(clock.GetDelayedCalls());
        Assert.Same(lc, SuccessResultOf(d));
    }

    [Fact]
    [Trait("Twisted", "test_reset")]
    public void Reset_Running_RestartsIntervalFromNow()
    {
        var clock = new Clock();
        var ran = 0;
        var lc = new LoopingCall(() => ran++) { Clock = clock };
        lc.Start(2, now: false);
        clock.Advance(1);
        lc.Reset();
        clock.Advance(1);
        Assert.Equal(0, ran);
        clock.Advance(1);
        Assert.Equal(1, ran);
    }

    [Fact]
    [Trait("Twisted", "test_reprFunction")]
    public void ToString_ShowsIntervalAndFunction()
    {
        var lc = new LoopingCall(Noop);
        Assert.Equal("LoopingCall<>(Noop)", lc.ToString());
        lc.Clock = new Clock();
        lc.Start(0.5);
        Assert.Equal("LoopingCall<0.5>(Noop)", lc.ToString());
    }

    [Fact]
    [Trait("Twisted", "testFailure")]
    public void Start_FunctionThrows_StartDeferredFails()
    {
        var lc = new LoopingCall(() => throw new TestException("bar")) { Clock = new Clock() };
        var d = lc.Start(0.1);
        Assert.Equal("bar", FailureResultOf(d, typeof(TestException)).Value.Message);
        Assert.False(lc.Running);
    }

    [Fact]
    [Trait("Twisted", "testFailAndStop")]
    public void Start_FunctionStopsThenThrows_StartDeferredFails()
    {
        LoopingCall? lc = null;
        lc = new LoopingCall(() =>
        {
            lc!.Stop();
            throw new TestException("bar");
        }) { Clock = new Clock() };
        var d = lc.Start(0.1);
        FailureResultOf(d, typeof(TestException));
        Assert.False(lc.Running);
    }

    [Fact]
    [Trait("Twisted", "testEveryIteration")]
    public void Start_IntervalZero_RunsEveryIterationUntilStopped()
    {
        var clock = new Clock();
        var ran = 0;
        LoopingCall? lc = null;
        lc = new LoopingCall(() =>
        {
            if (++ran > 5)
            {
                lc!.Stop();
            }
            return null;
        }) { Clock = clock };
        var d = lc.Start(0);
        clock.Advance(0);
        SuccessResultOf(d);
        Assert.Equal(6, ran);
    }

    [Fact]
    [Trait("Twisted", "testStopAtOnceLater")]
    public void Stop_FromLaterCall_FunctionNeverCalled()
    {
        var clock = new Clock();
        var ran = 0;
        var lc = new LoopingCall(() => ran++) { Clock = clock };
        lc.Start(1, now: false);
        clock.CallLater(0, lc.Stop);
        clock.Advance(0);
        clock.Advance(5);
        Assert.Equal(0, ran);
        Assert.False(lc.Running);
    }

    [Fact]
    [Trait("Twisted", "testWaitDeferred")]
    public void Start_FunctionReturnsDeferred_NextCallWaitsForIt()
    {
        var clock = new Clock();
        LoopingCall? lc = null;
        var calls = 0;
        lc = new LoopingCall(() =>
        {
            calls++;
            var d = new Deferred();
            d.AddCallback(_ =>
            {
                lc!.Stop();
                return null;
            });
            clock.CallLater(1, () => d.Callback(null));
            return d;
        }) { Clock = clock };
        var started = lc.Start(0.2);
        clock.Pump([0.2, 0.8]);
        Assert.Equal(1, calls);
        Assert.Empty(clock.GetDelayedCalls());
        Assert.Same(lc, SuccessResultOf(started));
    }

    [Fact]
    [Trait("Twisted", "testFailurePropagation")]
    public void Start_ReturnedDeferredFails_StartDeferredFails()
    {
        var clock = new Clock();
        var lc = new LoopingCall(() =>
        {
            var d = new Deferred();
            clock.CallLater(0.3, () => d.Errback(new TestException()));
            return d;
        }) { Clock = clock };
        var started = lc.Start(1);
        clock.Pump([0.3]);
        Assert.Empty(clock.GetDelayedCalls());
        FailureResultOf(started, typeof(TestException));
        Assert.False(lc.Running);
    }

    [Fact]
    [Trait("Twisted", "test_deferredWithCount")]
    public void WithCount_SlowDeferred_NextCallCountsMissedIntervals()
    {
        var clock = new Clock();
        var d = new Deferred();
        var counts = new List<int>();
        var lc = LoopingCall.WithCount(n =>
        {
            counts.Add(n);
            return counts.Count == 1 ? d : null;
        });
        lc.Clock = clock;
        lc.Start(0.2, now: false);
        Assert.Empty(counts);
        clock.Pump([0.2, 0.4]);
        Assert.Single(counts);
        d.Callback(null);
        clock.Pump([0.2]);
        Assert.Equal([1, 3], counts);
    }

    private static object? Noop() => null;
}
