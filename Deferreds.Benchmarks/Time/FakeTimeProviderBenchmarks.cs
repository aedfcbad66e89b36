using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Time.Testing;

namespace Deferreds.Benchmarks.Time;

/// <summary>
/// The same W5 workload with <see cref="FakeTimeProvider"/> beside <see cref="Clock"/>, as TimeProvider timers.
/// FakeTimeProvider scans every waiter to find the next due one, so it is quadratic: only small N here.
/// Compare Ratio and Alloc Ratio, not absolute numbers.
/// </summary>
[MemoryDiagnoser]
public class FakeTimeProviderBenchmarks
{
    private double[] delays = [];

    [Params(2_000, 10_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup() => delays = ClockWorkload.RandomDelays(N);

    [Benchmark(Baseline = true)]
    public long PriorityQueueBaseline() => ClockWorkload.RunPriorityQueue(delays);

    [Benchmark]
    public long ClockTimers() => ClockWorkload.RunTimers(new Clock(), delays, static provider => ((Clock)provider).Advance(1));

    [Benchmark]
    public long FakeTimeProviderTimers() =>
        ClockWorkload.RunTimers(new FakeTimeProvider(), delays, static provider => ((FakeTimeProvider)provider).Advance(TimeSpan.FromSeconds(1)));
}
