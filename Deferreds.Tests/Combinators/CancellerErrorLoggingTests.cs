namespace Deferreds.Tests.Combinators;

/// <summary>A member canceller that throws is logged and the other members are still cancelled (§2.6.9 of the reference).</summary>
[Collection("Global state")]
public sealed class CancellerErrorLoggingTests
{
    private sealed class CancellerError(string message) : Exception(message);

    private static List<(Microsoft.Extensions.Logging.LogLevel Level, string Message, Exception? Exception)> WithLogger(Action action, string marker)
    {
        var logger = new CapturingLogger();
        var previous = Defer.Logger;
        Defer.Logger = logger;
        try
        {
            action();
        }
        finally
        {
            Defer.Logger = previous;
        }
        return logger.Entries.Where(e => e.Exception?.Message == marker).ToList();
    }

    [Fact]
    [Trait("Twisted", "test_cancelDeferredListWithException")]
    public void DeferredListCancel_MemberCancellerThrows_LoggedOnceAndOthersCancelled()
    {
        const string Marker = "canceller-list-6a1f";
        var one = new Deferred(_ => throw new CancellerError(Marker));
        var two = new Deferred();
        var list = new DeferredList([one, two]);

        var logged = WithLogger(list.Cancel, Marker);

        Defer.FailureResultOf(two, typeof(CancelledError));
        var entry = Assert.Single(logged);
        Assert.Equal("Exception raised from user supplied canceller", entry.Message);
        Assert.IsType<CancellerError>(entry.Exception);
        Defer.AssertNoResult(one);
    }

    [Fact]
    public void DeferredListCancel_MemberStillUnfired_ListFailsWithCancelledErrorAndIgnoresTheLateResult()
    {
        // Divergence: Twisted's DeferredList stays unfired here; ours takes Deferred.Cancel's CancelledError.
        const string Marker = "canceller-late-3c70";
        var one = new Deferred(_ => throw new CancellerError(Marker));
        var list = new DeferredList([one]);
        WithLogger(list.Cancel, Marker);
        Defer.FailureResultOf(list, typeof(CancelledError));
        one.Callback("late");
        Assert.Equal("late", one.Result);
        Assert.Equal(1, list.FinishedCount);
    }

    [Fact]
    public void GatherCancel_MemberCancellerThrows_LoggedAndOthersCancelled()
    {
        const string Marker = "canceller-gather-88b2";
        var one = new Deferred(_ => throw new CancellerError(Marker));
        var two = new Deferred();
        var gather = Defer.GatherResults([one, two]);
        Assert.Single(WithLogger(gather.Cancel, Marker));
        var firstError = (FirstError)Defer.FailureResultOf(gather, typeof(FirstError)).Value;
        Assert.Equal(1, firstError.Index);
    }

    [Fact]
    public void RaceWin_LoserCancellerThrows_LoggedAndRaceStillFires()
    {
        const string Marker = "canceller-race-e51d";
        var winner = new Deferred();
        var loser = new Deferred(_ => throw new CancellerError(Marker));
        var race = Defer.Race([winner, loser]);
        Assert.Single(WithLogger(() => winner.Callback("w"), Marker));
        Assert.Equal((0, (object?)"w"), Defer.SuccessResultOf(race));
    }
}
