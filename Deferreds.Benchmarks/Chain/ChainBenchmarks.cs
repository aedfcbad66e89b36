using BenchmarkDotNet.Attributes;

namespace Deferreds.Benchmarks.Chain;

/// <summary>
/// Workloads 1 and 2: a Deferred with 10 callbacks, fired after or before they are added, beside a plain
/// list of 10 boxed delegates (the floor) and TaskCompletionSource + ContinueWith (what .NET users reach for).
/// </summary>
[MemoryDiagnoser]
public class ChainBenchmarks
{
    private const int Callbacks = 10;

    private static readonly Func<object?, object?> Increment = static r => (int)r! + 1;

    [Benchmark(Baseline = true, Description = "List of 10 boxed Func<object?,object?>")]
    public object? DelegateList()
    {
        var list = new List<Func<object?, object?>>();
        for (var i = 0; i < Callbacks; i++)
        {
            list.Add(static r => (int)r! + 1);
        }
        object? result = 0;
        foreach (var f in list)
        {
            result = f(result);
        }
        return result;
    }

    [Benchmark(Description = "W1 Deferred: new + 10 callbacks + fire")]
    public object? DeferredAddThenFire()
    {
        var d = new Deferred();
        for (var i = 0; i < Callbacks; i++)
        {
            d.AddCallback(static r => (int)r! + 1);
        }
        d.Callback(0);
        return d.Result;
    }

    [Benchmark(Description = "W2 Deferred: fire, then add 10 callbacks")]
    public object? DeferredFireThenAdd()
    {
        var d = new Deferred();
        d.Callback(0);
        for (var i = 0; i < Callbacks; i++)
        {
            d.AddCallback(static r => (int)r! + 1);
        }
        return d.Result;
    }

    [Benchmark(Description = "W1 TaskCompletionSource + 10 ContinueWith + fire")]
    public object? TaskCompletionSourceAddThenFire()
    {
        var tcs = new TaskCompletionSource<object?>();
        Task<object?> task = tcs.Task;
        for (var i = 0; i < Callbacks; i++)
        {
            task = task.ContinueWith(static t => (object?)((int)t.Result! + 1), TaskContinuationOptions.ExecuteSynchronously);
        }
        tcs.SetResult(0);
        return task.Result;
    }

    [Benchmark(Description = "W2 TaskCompletionSource: fire, then 10 ContinueWith")]
    public object? TaskCompletionSourceFireThenAdd()
    {
        var tcs = new TaskCompletionSource<object?>();
        tcs.SetResult(0);
        Task<object?> task = tcs.Task;
        for (var i = 0; i < Callbacks; i++)
        {
            task = task.ContinueWith(static t => (object?)((int)t.Result! + 1), TaskContinuationOptions.ExecuteSynchronously);
        }
        return task.Result;
    }

    /// <summary>Keeps the static lambda cache honest: the same delegate reused, as a hot loop would.</summary>
    [Benchmark(Description = "W1 Deferred, one cached delegate")]
    public object? DeferredCachedDelegate()
    {
        var d = new Deferred();
        for (var i = 0; i < Callbacks; i++)
        {
            d.AddCallback(Increment);
        }
        d.Callback(0);
        return d.Result;
    }
}
