using BenchmarkDotNet.Attributes;

namespace Deferreds.Benchmarks.Time;

/// <summary>
/// W5: schedule N calls at random delays in [0, 1000) s, then advance in 1 s steps to 1000 s, running all of them.
/// Baseline: a bare <see cref="PriorityQueue{TElement, TPriority}"/> keyed by (due, sequence), the least any
/// FIFO-on-ties fake clock must do. Compare Ratio and Alloc Ratio, not absolute numbers.
/// </summary>
[MemoryDiagnoser]
public class ClockBenchmarks
{
    private double[] delays = [];
    private long count;

    [Params(10_000, 100_000, 1_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup() => delays = ClockWorkload.RandomDelays(N);

    [Benchmark(Baseline = true)]
    public long PriorityQueueBaseline() => ClockWorkload.RunPriorityQueue(delays);

    [Benchmark]
    public long ClockCallLater()
    {
        count = 0;
        var clock = new Clock();
        Action f = () => count++;
        foreach (var delay in delays)
        {
            clock.CallLater(delay, f);
        }
        for (var t = 0; t < ClockWorkload.Seconds; t++)
        {
            clock.Advance(1);
        }
        return count;
    }

    [Benchmark]
    public long ClockAsTimeProvider() => ClockWorkload.RunTimers(new Clock(), delays, static provider => ((Clock)provider).Advance(1));
}
