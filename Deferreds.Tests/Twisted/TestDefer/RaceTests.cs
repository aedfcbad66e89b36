namespace Deferreds.Tests.Twisted.TestDefer;

/// <summary>Ports of Twisted's (≥ 23.8) RaceTests (§2.14, scenarios 76–79 of the reference).</summary>
public sealed class RaceTests
{
    private static (Deferred[] Inputs, int[] CancelCounts) Counted(int count)
    {
        var cancelCounts = new int[count];
        var inputs = new Deferred[count];
        for (var i = 0; i < count; i++)
        {
            var index = i;
            inputs[i] = new Deferred(_ => cancelCounts[index]++);
        }
        return (inputs, cancelCounts);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(3, 0)]
    [InlineData(3, 1)]
    [InlineData(3, 2)]
    [Trait("Twisted", "test_success")]
    public void Race_OneSucceeds_FiresWithIndexAndValueAndCancelsTheOthers(int count, int winner)
    {
        var (inputs, cancelCounts) = Counted(count);
        var race = Defer.Race(inputs);
        var value = new object();
        inputs[winner].Callback(value);

        var (index, result) = Defer.SuccessResultOf(race);
        Assert.Equal(winner, index);
        Assert.Same(value, result);
        Assert.Equal(Enumerable.Range(0, count).Select(i => i == winner ? 0 : 1), cancelCounts);
    }

    [Fact]
    [Trait("Twisted", "test_failure")]
    public void Race_AllFail_FailureGroupInInputOrderAndNoCancellation()
    {
        var (inputs, cancelCounts) = Counted(3);
        var race = Defer.Race(inputs);
        var failure = new Failure(new InvalidOperationException("no"));
        foreach (var input in inputs)
        {
            Defer.AssertNoResult(race);
            input.Errback(failure);
        }
        var group = (FailureGroup)Defer.FailureResultOf(race, typeof(FailureGroup)).Value;
        Assert.Equal([failure, failure, failure], group.Failures);
        Assert.Equal([0, 0, 0], cancelCounts);
    }

    [Fact]
    public void Race_FailuresOutOfOrder_FailureGroupSortedByIndex()
    {
        var a = new Deferred();
        var b = new Deferred();
        var race = Defer.Race([a, b]);
        b.Errback(new InvalidOperationException("b"));
        a.Errback(new InvalidOperationException("a"));
        var group = (FailureGroup)Defer.FailureResultOf(race, typeof(FailureGroup)).Value;
        Assert.Equal(["a", "b"], group.Failures.Select(f => f.GetErrorMessage()));
    }

    [Fact]
    [Trait("Twisted", "test_resultAfterCancel")]
    public void Race_SecondSuccessAfterWin_Ignored()
    {
        var a = new Deferred();
        var b = new Deferred();
        var race = Defer.Race([a, b]);
        a.Callback("a");
        b.Callback("b"); // b was cancelled without a canceller: this late result is swallowed
        Assert.Equal((0, (object?)"a"), Defer.SuccessResultOf(race));
        Assert.Null(b.Result);
    }

    [Fact]
    [Trait("Twisted", "test_resultFromCancel")]
    public void Race_LoserCancellerSucceeds_RaceResultUnaffected()
    {
        var a = new Deferred();
        var b = new Deferred(d => d.Callback("from cancel"));
        var race = Defer.Race([a, b]);
        a.Callback("a");
        Assert.Equal((0, (object?)"a"), Defer.SuccessResultOf(race));
        Assert.Null(b.Result);
    }

    [Fact]
    [Trait("Twisted", "test_cancel")]
    public void Cancel_CancelsEachInputOnceAndFailsWithFailureGroup()
    {
        var (inputs, cancelCounts) = Counted(2);
        var race = Defer.Race(inputs);
        race.Cancel();
        Assert.Equal([1, 1], cancelCounts);
        var group = (FailureGroup)Defer.FailureResultOf(race, typeof(FailureGroup)).Value;
        Assert.All(group.Failures, f => Assert.IsType<CancelledError>(f.Value));
        Assert.Equal(2, group.Failures.Count);
    }

    [Fact]
    public void Race_EveryInputsResultIsConsumed()
    {
        var winner = new Deferred();
        var loser = new Deferred();
        var failed = new Deferred();
        var race = Defer.Race([winner, loser, failed]);
        failed.Errback(new InvalidOperationException("x"));
        winner.Callback(5);
        Assert.Null(winner.Result);
        Assert.Null(loser.Result);
        Assert.Null(failed.Result);
        Assert.Equal((0, (object?)5), Defer.SuccessResultOf(race));
    }

    [Fact]
    public void Race_Empty_NeverFires()
    {
        Defer.AssertNoResult(Defer.Race([]));
    }

    [Fact]
    public void Race_Typed_YieldsTypedValue()
    {
        var cancelled = 0;
        var a = new Deferred<int>(_ => cancelled++);
        var b = new Deferred<int>();
        Deferred<(int Index, int Result)> race = Defer.Race([a, b]);
        b.Callback(42);
        Assert.Equal((1, 42), Defer.SuccessResultOf(race));
        Assert.Equal(1, cancelled);
        Assert.Null(a.Result);
    }
}
