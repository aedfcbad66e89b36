using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Deferreds.Context;

namespace Deferreds.Benchmarks.Context;

/// <summary>
/// What log contexts add to Deferred-driven work. Each "await" is what an awaiter does: add the continuation
/// to the Deferred, which the reactor then fires (from the sentinel). "Request": a request that awaits three
/// Deferreds inside a <see cref="LoggingContext"/>, beside the same work without contexts. "One await":
/// <see cref="LogContext.MakeDeferredYieldable(Deferred)"/> and the restore around one await, beside the bare
/// await; and the same with per-thread CPU accounting on (two getrusage calls per await).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "A LoggingContext's Dispose means 'exit the context', not 'free resources'; this one is never exited.")]
public class LogContextBenchmarks
{
    private static readonly Func<object?, object?> Continuation = static r => r;

    private LoggingContext _active = null!;

    // Built here, on the thread that runs the workloads: a context may only become current on its own thread.
    [GlobalSetup]
    public void Setup() => _active = new LoggingContext("bench");

    [GlobalCleanup]
    public void Cleanup()
    {
        LogContext.CpuTimeSource = null;
        LogContext.SetCurrent(LogContext.Sentinel);
    }

    [Benchmark(Baseline = true, Description = "Request, 3 awaits, no contexts")]
    [BenchmarkCategory("Request")]
    public object? RequestWithoutContexts()
    {
        object? last = null;
        for (var i = 0; i < 3; i++)
        {
            var d = new Deferred();
            d.AddBoth(Continuation);
            d.Callback(i);
            last = d.Result;
        }
        return last;
    }

    [Benchmark(Description = "Request, 3 yieldable awaits in a LoggingContext")]
    [BenchmarkCategory("Request")]
    public object? RequestInLoggingContext()
    {
        object? last = null;
        using (new LoggingContext("GET-1").Enter())
        {
            for (var i = 0; i < 3; i++)
            {
                var d = new Deferred();
                LogContext.MakeDeferredYieldable(d);
                d.AddBoth(Continuation);
                d.Callback(i);
                last = d.Result;
            }
        }
        return last;
    }

    [Benchmark(Baseline = true, Description = "One bare await")]
    [BenchmarkCategory("OneAwait")]
    public object? BareAwait()
    {
        var d = new Deferred();
        d.AddBoth(Continuation);
        d.Callback(1);
        return d.Result;
    }

    [Benchmark(Description = "One await, MakeDeferredYieldable + restore")]
    [BenchmarkCategory("OneAwait")]
    public object? YieldableAwait()
    {
        LogContext.CpuTimeSource = null;
        LogContext.SetCurrent(_active);
        var d = new Deferred();
        LogContext.MakeDeferredYieldable(d);
        d.AddBoth(Continuation);
        d.Callback(1);
        return d.Result;
    }

    [Benchmark(Description = "One await, yieldable, CPU accounting on")]
    [BenchmarkCategory("OneAwait")]
    public object? YieldableAwaitWithCpuAccounting()
    {
        LogContext.CpuTimeSource = ThreadCpuTime.Read;
        LogContext.SetCurrent(_active);
        var d = new Deferred();
        LogContext.MakeDeferredYieldable(d);
        d.AddBoth(Continuation);
        d.Callback(1);
        LogContext.CpuTimeSource = null;
        return d.Result;
    }
}
