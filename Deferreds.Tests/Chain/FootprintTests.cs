namespace Deferreds.Tests.Chain;

/// <summary>
/// What a Deferred costs in memory: gathers and timeouts hold many of them, so the object's size is part of
/// the design (docs/performance.md). Measured as bytes allocated on this thread; exact, not timed.
/// </summary>
public sealed class FootprintTests
{
    [Fact]
    public void NewDeferred_WithOrWithoutCanceller_IsSeventyTwoBytes()
    {
        Action<Deferred> canceller = _ => { };
        Measure(() => new Deferred()); // warm up: JIT, statics

        Assert.Equal(72, Measure(() => new Deferred()));
        Assert.Equal(72, Measure(() => new Deferred(canceller)));
        Assert.Equal(72, Measure(() => new Deferred<int>()));
    }

    [Fact]
    public void OneCallback_IsStoredInline_AndFiringWithABoxedValueAllocatesNothingMore()
    {
        Func<object?, object?> callback = static r => r;
        object value = 1;
        Defer.Succeed(value).AddCallback(callback); // warm up: JIT, and this thread's run stack (created once per thread)

        Assert.Equal(72, Measure(() =>
        {
            var d = new Deferred();
            d.AddCallback(callback).Callback(value);
            return d;
        }));
    }

    private static long Measure(Func<Deferred> create)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var deferred = create();
        var after = GC.GetAllocatedBytesForCurrentThread();
        GC.KeepAlive(deferred);
        return after - before;
    }
}
