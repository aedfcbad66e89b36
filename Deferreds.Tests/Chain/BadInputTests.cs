namespace Deferreds.Tests.Chain;

/// <summary>Misuse gets a clear exception naming the problem; nothing is lost silently.</summary>
public sealed class BadInputTests
{
    [Fact]
    public void Callback_WithDeferred_ThrowsAndLeavesUnfired()
    {
        var d = new Deferred();
        var e = Assert.Throws<ArgumentException>(() => d.Callback(new Deferred()));
        Assert.Contains("cannot be the result of Callback", e.Message, StringComparison.Ordinal);
        Assert.False(d.Called);
    }

    [Fact]
    public void Callback_WithTypedDeferredHandle_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Deferred().Callback(new Deferred<int>()));
    }

    [Fact]
    public void AddMethods_NullDelegates_Throw()
    {
        var d = new Deferred();
        Assert.Throws<ArgumentNullException>(() => d.AddCallback(null!));
        Assert.Throws<ArgumentNullException>(() => d.AddErrback(null!));
        Assert.Throws<ArgumentNullException>(() => d.AddBoth(null!));
        Assert.Throws<ArgumentNullException>(() => d.AddCallbacks(null!, _ => null));
        Assert.Throws<ArgumentNullException>(() => d.Errback((Exception)null!));
        Assert.Throws<ArgumentNullException>(() => d.Errback((Failure)null!));
        var t = new Deferred<int>();
        Assert.Throws<ArgumentNullException>(() => t.AddCallback((Func<int, int>)null!));
        Assert.Throws<ArgumentNullException>(() => t.AddErrback((Func<Failure, int>)null!));
        Assert.Throws<ArgumentNullException>(() => t.AddBoth((Action<int, Failure?>)null!));
    }

    [Fact]
    public void Result_BeforeFiring_ThrowsInvalidOperation()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new Deferred().Result);
        Assert.Contains("not been fired", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unpause_Unbalanced_Throws()
    {
        var d = new Deferred();
        var e = Assert.Throws<InvalidOperationException>(d.Unpause);
        Assert.Contains("more times than Pause", e.Message, StringComparison.Ordinal);
        d.Pause();
        d.Unpause();
        Assert.Throws<InvalidOperationException>(d.Unpause);
    }

    [Fact]
    public void Unpause_WhileWaitingOnReturnedDeferred_ThrowsAndChainStaysIntact()
    {
        var inner = new Deferred();
        var outer = new Deferred();
        var seen = new List<object?>();
        outer.AddCallback(_ => inner).AddCallback(r => { seen.Add(r); return r; });
        outer.Callback(null);
        Assert.True(outer.Paused);
        var e = Assert.Throws<InvalidOperationException>(outer.Unpause);
        Assert.Contains("waiting on another Deferred", e.Message, StringComparison.Ordinal);
        Assert.Empty(seen);
        inner.Callback("inner");
        Assert.Equal(["inner"], seen);
        Assert.False(outer.Paused);
    }

    [Fact]
    public void Unpause_WhileWaitingWithOwnPause_UndoesOnlyTheUserPause()
    {
        var inner = new Deferred();
        var outer = new Deferred();
        var seen = new List<object?>();
        outer.AddCallback(_ => inner).AddCallback(r => { seen.Add(r); return r; });
        outer.Callback(null);
        outer.Pause();
        outer.Unpause();
        Assert.Throws<InvalidOperationException>(outer.Unpause);
        inner.Callback("v");
        Assert.Equal(["v"], seen);
    }

    [Fact]
    public void Callback_RunawayUserRecursion_BecomesFailureNotACrash()
    {
        // Each callback fires the next Deferred from inside itself: user-made recursion that Twisted turns
        // into a RecursionError failure. Here the stack guard turns it into a Failure too.
        Assert.Equal(1, FailedRunawayChainLinks(100_000));
    }

    [Fact]
    public void Callback_RunawayRecursionTwiceOnOneThread_RefusedBothTimes()
    {
        // The guard remembers depths that passed the runtime's check; that must not let a second runaway through.
        Assert.Equal(1, FailedRunawayChainLinks(100_000));
        Assert.Equal(1, FailedRunawayChainLinks(100_000));
    }

    [Fact]
    public void Callback_RunawayRecursionOnASmallStackThread_BecomesFailureNotACrash()
    {
        var failed = 0;
        var thread = new Thread(() => failed = FailedRunawayChainLinks(20_000), maxStackSize: 256 * 1024);
        thread.Start();
        thread.Join();
        Assert.Equal(1, failed);
    }

    /// <summary>Fires a chain whose every callback fires the next Deferred from inside itself; counts the links refused.</summary>
    private static int FailedRunawayChainLinks(int count)
    {
        var ds = Enumerable.Range(0, count).Select(_ => new Deferred()).ToArray();
        for (var i = 0; i < count - 1; i++)
        {
            var next = ds[i + 1];
            ds[i].AddCallback(r => { next.Callback(r); return r; });
        }
        ds[0].Callback(1);
        var failed = ds.Count(d => d.Called && d.Result is Failure { Value: InsufficientExecutionStackException });
        foreach (var d in ds.Where(d => d.Called))
        {
            d.AddErrback(_ => null);
        }
        return failed;
    }

    [Fact]
    public void AddCallback_RunawayRecursionThroughFiredDeferreds_BecomesFailureNotACrash()
    {
        // Each callback adds the next callback to another, already fired Deferred, which runs it at once: the
        // recursion never fires anything, so it is the add that must refuse when the stack runs low.
        const int count = 100_000;
        var fired = new Deferred[count];
        for (var i = 0; i < count; i++)
        {
            fired[i] = Defer.Succeed(i);
        }
        void Step(int i) => fired[i].AddCallback(r =>
        {
            if (i + 1 < count)
            {
                Step(i + 1);
            }
            return r;
        });

        Step(0);

        var failed = fired.Count(d => d.Result is Failure { Value: InsufficientExecutionStackException });
        Assert.Equal(1, failed);
        foreach (var d in fired)
        {
            d.AddErrback(_ => null);
        }
    }
}
