using BenchmarkDotNet.Attributes;

namespace Deferreds.Benchmarks.Chain;

/// <summary>
/// Workload 3: N nested Deferreds, each callback returning the next, fired at the bottom. Cost must grow
/// linearly (1M no more than 12x 100k) and run on the default stack. Baseline: the same shape with
/// TaskCompletionSource, each continuation unwrapping the next task.
/// </summary>
[MemoryDiagnoser]
public class NestingBenchmarks
{
    [Params(100_000, 1_000_000)]
    public int Depth { get; set; }

    [Benchmark(Description = "W3 Deferred: nested chain fired at the bottom")]
    public object? NestedDeferreds()
    {
        var chain = new Deferred[Depth + 1];
        for (var i = 0; i < chain.Length; i++)
        {
            chain[i] = new Deferred();
        }
        for (var i = 0; i < Depth; i++)
        {
            var next = chain[i + 1];
            chain[i].AddCallback(_ => next);
        }
        for (var i = 0; i < Depth; i++)
        {
            chain[i].Callback(null);
        }
        chain[Depth].Callback("bottom");
        return chain[0].Result;
    }

    [Benchmark(Baseline = true, Description = "W3 TaskCompletionSource: nested Unwrap chain")]
    public object? NestedTasks()
    {
        var sources = new TaskCompletionSource<object?>[Depth + 1];
        for (var i = 0; i < sources.Length; i++)
        {
            sources[i] = new TaskCompletionSource<object?>();
        }
        var tasks = new Task<object?>[Depth + 1];
        tasks[Depth] = sources[Depth].Task;
        for (var i = Depth - 1; i >= 0; i--)
        {
            var next = tasks[i + 1];
            tasks[i] = sources[i].Task.ContinueWith(_ => next, TaskContinuationOptions.ExecuteSynchronously).Unwrap();
        }
        for (var i = 0; i < Depth; i++)
        {
            sources[i].SetResult(null);
        }
        sources[Depth].SetResult("bottom");
        return tasks[0].Result;
    }
}
