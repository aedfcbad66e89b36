namespace Deferreds.Tests.Twisted.TestDefer;

/// <summary>Ports of test_defer.py's DeferredQueue cases (OtherPrimitivesTests; scenarios 93, 94 of the reference).</summary>
public sealed class QueueTests
{
    [Fact]
    [Trait("Twisted", "testQueue")]
    public void Queue_BoundedSizeAndBacklog_FollowTwisted()
    {
        const int N = 2, M = 2;
        var queue = new DeferredQueue<int?>(N, M);
        var gotten = new List<int?>();

        for (var i = 0; i < M; i++)
        {
            queue.Get().AddBoth((r, _) => gotten.Add(r));
        }
        Assert.Throws<QueueUnderflow>(() => queue.Get());

        for (var i = 0; i < M; i++)
        {
            queue.Put(i);
            Assert.Equal(Enumerable.Range(0, i + 1).Select(x => (int?)x), gotten);
        }
        for (var i = 0; i < N; i++)
        {
            queue.Put(N + i);
            Assert.Equal(Enumerable.Range(0, M).Select(x => (int?)x), gotten);
        }
        Assert.Throws<QueueOverflow>(() => queue.Put(null));
        Assert.Equal([2, 3], queue.Pending);

        gotten.Clear();
        for (var i = 0; i < N; i++)
        {
            queue.Get().AddBoth((r, _) => gotten.Add(r));
            Assert.Equal(Enumerable.Range(N, i + 1).Select(x => (int?)x), gotten);
        }
    }

    [Fact]
    [Trait("Twisted", "testQueue")]
    public void Queue_Unbounded_GetsThenPutsInFifoOrder()
    {
        var queue = new DeferredQueue<int>();
        var gotten = new List<int>();
        queue.Get().AddBoth((r, _) => gotten.Add(r));
        queue.Get().AddBoth((r, _) => gotten.Add(r));
        Assert.Equal(2, queue.Waiting);
        queue.Put(0);
        queue.Put(1);
        Assert.Equal([0, 1], gotten);
        Assert.Equal(0, queue.Waiting);
    }

    [Fact]
    [Trait("Twisted", "testQueue")]
    public void Queue_ZeroSizeOrBacklog_OverflowsOrUnderflowsAtOnce()
    {
        Assert.Throws<QueueOverflow>(() => new DeferredQueue<object?>(size: 0).Put(null));
        Assert.Throws<QueueUnderflow>(() => new DeferredQueue<object?>(backlog: 0).Get());
    }

    [Fact]
    [Trait("Twisted", "test_cancelQueueAfterSynchronousGet")]
    public void Cancel_SatisfiedGet_NoEffect()
    {
        var queue = new DeferredQueue<object?>();
        var d = queue.Get();
        var errbacks = 0;
        d.AddErrback(f => { errbacks++; return f; });
        queue.Put(null);
        d.Cancel();
        Assert.Equal(0, errbacks);
    }

    [Fact]
    [Trait("Twisted", "test_cancelQueueAfterGet")]
    public void Cancel_WaitingGet_FailsAndIsForgotten()
    {
        var queue = new DeferredQueue<object?>();
        Deferred d = queue.Get();
        d.Cancel();
        Defer.FailureResultOf(d, typeof(CancelledError));

        var done = new List<object?>();
        d.AddCallback(_ =>
        {
            queue.Put(null);
            return ((Deferred)queue.Get()).AddCallback(r => { Assert.Null(r); return r; });
        });
        d.AddCallback(r => { done.Add(r); return r; });
        Assert.Single(done);
    }

    [Fact]
    public void Get_WithPendingItem_AlreadyFired()
    {
        var queue = new DeferredQueue<string>();
        queue.Put("a");
        Assert.Equal("a", Defer.SuccessResultOf(queue.Get()));
        Assert.Empty(queue.Pending);
    }

    [Fact]
    public void Constructor_NegativeLimits_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DeferredQueue<int>(size: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DeferredQueue<int>(backlog: -1));
    }
}
