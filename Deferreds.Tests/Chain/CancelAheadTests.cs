namespace Deferreds.Tests.Chain;

/// <summary>
/// Cancelling an <c>async Deferred</c> method fires its Deferred through an entry put ahead of the user's
/// callbacks (the engine's FireAhead, as Twisted prepends handleCancel): pause, nesting and late outcomes.
/// </summary>
public sealed class CancelAheadTests
{
    [Fact]
    public void Cancel_PausedMethodDeferred_CancelsAwaitedOnlyAtUnpause()
    {
        var cancelled = 0;
        var awaited = new Deferred(_ => cancelled++);
        var d = CatchAndReturn(awaited);
        var seen = new List<object?>();
        d.AddCallback(r => { seen.Add(r); return r; });

        d.Pause();
        d.Cancel();
        Assert.True(d.Called);
        Assert.Equal(0, cancelled);
        Assert.Empty(seen);

        d.Unpause();
        Assert.Equal(1, cancelled);
        Assert.Equal(["caught"], seen);
    }

    [Fact]
    public void Cancel_PausedThenAwaitedFiresBeforeUnpause_FailsWithCancelledErrorAndIgnoresOutcome()
    {
        var awaited = new Deferred();
        var d = CatchAndReturn(awaited);

        d.Pause();
        d.Cancel();
        awaited.Callback("late"); // the method completes; its outcome has nowhere to go

        d.Unpause();
        Defer.FailureResultOf(d, typeof(CancelledError));
    }

    [Fact]
    public void Cancel_OuterAwaitingInnerMethod_CancelsTheLeafAndBothAwaitsSeeIt()
    {
        var leaf = new Deferred<int>();
        var log = new List<string>();
        var d = Outer(leaf, log);

        d.Cancel();

        Assert.Equal(["inner caught", "outer got -1"], log);
        Assert.Equal(-2, Defer.SuccessResultOf(d));

        static async Deferred<int> Inner(Deferred<int> leaf, List<string> log)
        {
            try
            {
                return await leaf;
            }
            catch (CancelledError)
            {
                log.Add("inner caught");
                return -1;
            }
        }

        static async Deferred<int> Outer(Deferred<int> leaf, List<string> log)
        {
            var value = await Inner(leaf, log);
            log.Add("outer got " + value);
            return value - 1;
        }
    }

    [Fact]
    public void Cancel_CallbacksAddedBeforeCancel_SeeOnlyTheMethodsOutcome()
    {
        var awaited = new Deferred();
        var d = CatchAndReturn(awaited);
        var seen = new List<object?>();
        d.AddBoth(r => { seen.Add(r); return r; });

        d.Cancel();

        Assert.Equal(["caught"], seen);
    }

    [Fact]
    public void Cancel_FromInsideTheAwaitedsCanceller_OfTheSameMethod_IsANoOp()
    {
        Deferred<string>? d = null;
        var awaited = new Deferred(_ => d!.Cancel());
        d = CatchAndReturn(awaited);

        d.Cancel();

        Assert.Equal("caught", Defer.SuccessResultOf(d));
    }

    private static async Deferred<string> CatchAndReturn(Deferred awaited)
    {
        try
        {
            await awaited;
            return "not cancelled";
        }
        catch (CancelledError)
        {
            return "caught";
        }
    }
}
