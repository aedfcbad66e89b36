using static Deferreds.Defer;

namespace Deferreds.Tests.Twisted.TestTask;

/// <summary>Ports of twisted.test.test_task.DeferLaterTests (reference scenario 129).</summary>
public sealed class DeferLaterTests
{
    private sealed class TestException : Exception;

    [Fact]
    [Trait("Twisted", "test_callback")]
    public void DeferLater_AfterDelay_FiresWithFunctionsResult()
    {
        var results = new List<(string, string)>();
        var flag = new object();
        var clock = new Clock();
        var d = DeferLater(clock, TimeSpan.FromSeconds(3), () =>
        {
            results.Add(("foo", "bar"));
            return flag;
        });
        clock.Advance(2);
        Assert.Empty(results);
        AssertNoResult(d);
        clock.Advance(1);
        Assert.Equal([("foo", "bar")], results);
        Assert.Same(flag, SuccessResultOf(d));
    }

    [Fact]
    [Trait("Twisted", "test_errback")]
    public void DeferLater_FunctionThrows_Fails()
    {
        var clock = new Clock();
        var d = DeferLater(clock, TimeSpan.FromSeconds(1), () => throw new TestException());
        clock.Advance(1);
        FailureResultOf(d, typeof(TestException));
    }

    [Fact]
    [Trait("Twisted", "test_cancel")]
    public void DeferLater_Cancelled_RemovesCallAndFailsWithCancelledError()
    {
        var called = 0;
        var clock = new Clock();
        var d = DeferLater(clock, TimeSpan.FromSeconds(1), () => called++);
        d.Cancel();
        FailureResultOf(d, typeof(CancelledError));
        Assert.Empty(clock.GetDelayedCalls());
        clock.Advance(5);
        Assert.Equal(0, called);
    }

    [Fact]
    [Trait("Twisted", "test_noCallback")]
    public void DeferLater_NoFunction_FiresWithNull()
    {
        var clock = new Clock();
        var d = DeferLater(clock, TimeSpan.FromSeconds(2.0));
        AssertNoResult(d);
        clock.Advance(2.0);
        Assert.Null(SuccessResultOf(d));
    }
}
