using System.Threading.Tasks.Sources;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Deferreds.Benchmarks.CompilerServices;

/// <summary>
/// An async method that awaits three results and sums them: <c>async Deferred&lt;int&gt;</c> over Deferreds,
/// against <c>async Task&lt;int&gt;</c> over TaskCompletionSources (the baseline) and <c>async ValueTask&lt;int&gt;</c>
/// over pooled <see cref="IValueTaskSource{TResult}"/>s. "Pending": the awaited results are fired by the
/// benchmark after the call, so every await suspends and is resumed by the producer (inline in all three).
/// "Completed": the awaited results are already there. "Nested": one async method awaiting another. Per operation, the Deferred workload must allocate
/// its three source Deferreds and the method's one box (its returned Deferred), nothing per await.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class AsyncBenchmarks
{
    private static readonly object s_one = 1;
    private static readonly object s_two = 2;
    private static readonly object s_three = 3;

    private readonly Deferred<int> _firedOne = Defer.Succeed(1);
    private readonly Deferred<int> _firedTwo = Defer.Succeed(2);
    private readonly Deferred<int> _firedThree = Defer.Succeed(3);
    private readonly Task<int> _completedOne = Task.FromResult(1);
    private readonly Task<int> _completedTwo = Task.FromResult(2);
    private readonly Task<int> _completedThree = Task.FromResult(3);
    private readonly PooledSource _sourceA = new();
    private readonly PooledSource _sourceB = new();
    private readonly PooledSource _sourceC = new();

    [Benchmark(Description = "async Deferred<int>, 3 pending Deferreds")]
    [BenchmarkCategory("Pending")]
    public object? DeferredPending()
    {
        var a = new Deferred<int>();
        var b = new Deferred<int>();
        var c = new Deferred<int>();
        var d = SumDeferreds(a, b, c);
        ((Deferred)a).Callback(s_one); // pre-boxed: measure the awaits, not boxing the inputs
        ((Deferred)b).Callback(s_two);
        ((Deferred)c).Callback(s_three);
        return d.Result;
    }

    [Benchmark(Baseline = true, Description = "async Task<int>, 3 pending TaskCompletionSources")]
    [BenchmarkCategory("Pending")]
    public int TaskPending()
    {
        var a = new TaskCompletionSource<int>();
        var b = new TaskCompletionSource<int>();
        var c = new TaskCompletionSource<int>();
        var task = SumTasks(a.Task, b.Task, c.Task);
        a.SetResult(1);
        b.SetResult(2);
        c.SetResult(3);
        return task.Result;
    }

    [Benchmark(Description = "async ValueTask<int>, 3 pending pooled IValueTaskSources")]
    [BenchmarkCategory("Pending")]
    public int ValueTaskPending()
    {
        _sourceA.Reset();
        _sourceB.Reset();
        _sourceC.Reset();
        var task = SumValueTasks(_sourceA.Task, _sourceB.Task, _sourceC.Task);
        _sourceA.SetResult(1);
        _sourceB.SetResult(2);
        _sourceC.SetResult(3);
        return Completed(task);
    }

    [Benchmark(Description = "async Deferred<int> awaiting an async Deferred<int> awaiting a pending Deferred")]
    [BenchmarkCategory("Nested")]
    public object? DeferredNested()
    {
        var leaf = new Deferred<int>();
        var d = OuterDeferred(leaf);
        ((Deferred)leaf).Callback(s_one);
        return d.Result;
    }

    [Benchmark(Baseline = true, Description = "async Task<int> awaiting an async Task<int> awaiting a pending TaskCompletionSource")]
    [BenchmarkCategory("Nested")]
    public int TaskNested()
    {
        var leaf = new TaskCompletionSource<int>();
        var task = OuterTask(leaf.Task);
        leaf.SetResult(1);
        return task.Result;
    }

    [Benchmark(Description = "async Deferred<int>, 3 fired Deferreds")]
    [BenchmarkCategory("Completed")]
    public object? DeferredCompleted() => SumDeferreds(_firedOne, _firedTwo, _firedThree).Result;

    [Benchmark(Baseline = true, Description = "async Task<int>, 3 completed Tasks")]
    [BenchmarkCategory("Completed")]
    public int TaskCompleted() => SumTasks(_completedOne, _completedTwo, _completedThree).Result;

    [Benchmark(Description = "async ValueTask<int>, 3 completed ValueTasks")]
    [BenchmarkCategory("Completed")]
    public int ValueTaskCompleted() => Completed(SumValueTasks(new(1), new(2), new(3)));

    private static int Completed(ValueTask<int> task) =>
        task.IsCompleted ? task.Result : throw new InvalidOperationException("The workload should have completed inline.");

    private static async Deferred<int> SumDeferreds(Deferred<int> a, Deferred<int> b, Deferred<int> c) =>
        await a + await b + await c;

    private static async Deferred<int> InnerDeferred(Deferred<int> leaf) => await leaf + 1;

    private static async Deferred<int> OuterDeferred(Deferred<int> leaf) => await InnerDeferred(leaf) + 1;

    private static async Task<int> InnerTask(Task<int> leaf) => await leaf + 1;

    private static async Task<int> OuterTask(Task<int> leaf) => await InnerTask(leaf) + 1;

    private static async Task<int> SumTasks(Task<int> a, Task<int> b, Task<int> c) =>
        await a + await b + await c;

    private static async ValueTask<int> SumValueTasks(ValueTask<int> a, ValueTask<int> b, ValueTask<int> c) =>
        await a + await b + await c;

    /// <summary>A reusable awaitable result, as Channels and sockets pool theirs.</summary>
    private sealed class PooledSource : IValueTaskSource<int>
    {
        private ManualResetValueTaskSourceCore<int> _core;

        public ValueTask<int> Task => new(this, _core.Version);

        public void Reset() => _core.Reset();

        public void SetResult(int value) => _core.SetResult(value);

        public int GetResult(short token) => _core.GetResult(token);

        public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

        public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
            _core.OnCompleted(continuation, state, token, flags);
    }
}
