namespace Deferreds.Tests.Twisted.TestInlineCb;

/// <summary>Ports of test_inlinecb.py's ForwardTraceBackTests: a failure's stack names every async Deferred method it crossed.</summary>
public sealed class ForwardTraceBackTests
{
    [Fact]
    [Trait("Twisted", "test_forwardTracebacks")]
    public void NestedMethods_FailureTracebackNamesEachMethod()
    {
        var failure = Defer.FailureResultOf(Calling());
        var traceback = failure.GetTraceback();

        Assert.Contains(nameof(Erroring), traceback, StringComparison.Ordinal);
        Assert.Contains(nameof(Calling), traceback, StringComparison.Ordinal);
        Assert.Contains("Error Marker", traceback, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Twisted", "test_forwardLotsOfTracebacks")]
    public void FourNestedMethods_FailureTracebackNamesEachMethodAndNoPlumbing()
    {
        var failure = Defer.FailureResultOf(Calling1());
        var traceback = failure.GetTraceback();

        Assert.Contains(nameof(Erroring), traceback, StringComparison.Ordinal);
        Assert.Contains(nameof(Calling1), traceback, StringComparison.Ordinal);
        Assert.Contains(nameof(Calling2), traceback, StringComparison.Ordinal);
        Assert.Contains(nameof(Calling3), traceback, StringComparison.Ordinal);
        Assert.DoesNotContain("AwaitSupport", traceback, StringComparison.Ordinal);
        Assert.Contains("Error Marker", traceback, StringComparison.Ordinal);
    }

    private static async Deferred Erroring()
    {
        await Defer.Succeed("forcing an await");
        throw new InvalidOperationException("Error Marker");
    }

    private static async Deferred Calling() => await Erroring();

    private static async Deferred Calling3() => await Erroring();

    private static async Deferred Calling2() => await Calling3();

    private static async Deferred Calling1() => await Calling2();
}
