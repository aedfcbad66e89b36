using BenchmarkDotNet.Attributes;

namespace Deferreds.Benchmarks.Combinators;

/// <summary>
/// GatherResults over 100,000 Deferreds fired one by one, beside Task.WhenAll over 100,000
/// TaskCompletionSources (what .NET users reach for). Each workload creates its sources, gathers them,
/// fires them in order and reads the list.
/// </summary>
[MemoryDiagnoser]
public class GatherBenchmarks
{
    private const int Count = 100_000;

    [Benchmark(Baseline = true, Description = "Task.WhenAll over 100k TaskCompletionSource<int>")]
    public int TaskWhenAll()
    {
        var sources = new TaskCompletionSource<int>[Count];
        var tasks = new Task<int>[Count];
        for (var i = 0; i < Count; i++)
        {
            sources[i] = new TaskCompletionSource<int>();
            tasks[i] = sources[i].Task;
        }
        var all = Task.WhenAll(tasks);
        for (var i = 0; i < Count; i++)
        {
            sources[i].SetResult(i);
        }
        return all.Result.Length;
    }

    [Benchmark(Description = "GatherResults<int> over 100k Deferred<int>")]
    public int GatherTyped()
    {
        var deferreds = new Deferred<int>[Count];
        for (var i = 0; i < Count; i++)
        {
            deferreds[i] = new Deferred<int>();
        }
        var gather = Defer.GatherResults(deferreds);
        for (var i = 0; i < Count; i++)
        {
            deferreds[i].Callback(i);
        }
        return Defer.SuccessResultOf(gather).Count;
    }

    [Benchmark(Description = "GatherResults over 100k untyped Deferred")]
    public int GatherUntyped()
    {
        var deferreds = new Deferred[Count];
        for (var i = 0; i < Count; i++)
        {
            deferreds[i] = new Deferred();
        }
        var gather = Defer.GatherResults(deferreds);
        for (var i = 0; i < Count; i++)
        {
            deferreds[i].Callback(i);
        }
        return Defer.SuccessResultOf(gather).Count;
    }
}
