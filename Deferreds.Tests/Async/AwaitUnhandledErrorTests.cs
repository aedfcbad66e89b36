using System.Runtime.CompilerServices;
using Deferreds.Tests.Twisted.TestDefer;

namespace Deferreds.Tests.Async;

/// <summary>Which awaited or async-method failures are reported as unhandled when collected.</summary>
[Collection("Global state")]
public sealed class AwaitUnhandledErrorTests
{
    [Fact]
    public void Await_AlreadyFailedDeferred_FailureCountsAsHandled()
    {
        var reports = UnhandledErrorTests.CollectReports("await-fired-marker", () => AwaitFailed("await-fired-marker", fireFirst: true));

        Assert.Empty(reports);
    }

    [Fact]
    public void Await_DeferredFailingLater_FailureIsConsumed()
    {
        var reports = UnhandledErrorTests.CollectReports("await-later-marker", () => AwaitFailed("await-later-marker", fireFirst: false));

        Assert.Empty(reports);
    }

    [Fact]
    public void AsyncDeferred_FailingWithNobodyObserving_ReportedOnce()
    {
        var reports = UnhandledErrorTests.CollectReports("async-method-marker", () => LeaveFailedMethod("async-method-marker"));

        var report = Assert.Single(reports);
        Assert.IsType<ArithmeticException>(report.Failure.Value);
    }

    [Fact]
    public void AsTask_FailedDeferred_FailureGoesToTheTaskNotTheReport()
    {
        var reports = UnhandledErrorTests.CollectReports("as-task-marker", () => LeaveTask("as-task-marker"));

        Assert.Empty(reports);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AwaitFailed(string marker, bool fireFirst)
    {
        var d = new Deferred();
        if (fireFirst)
        {
            d.Errback(new ArithmeticException(marker));
        }
        var outer = Swallow(d);
        if (!fireFirst)
        {
            d.Errback(new ArithmeticException(marker));
        }
        Assert.Equal("caught", Defer.SuccessResultOf(outer));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void LeaveFailedMethod(string marker)
    {
        var inner = new Deferred();
        _ = Throw(inner, marker);
        inner.Callback(null);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void LeaveTask(string marker)
    {
        var d = new Deferred();
        var task = d.AsTask();
        d.Errback(new ArithmeticException(marker));
        Assert.True(task.IsFaulted);
        _ = task.Exception; // observed, so the Task does not report it either
    }

    private static async Deferred<string> Swallow(Deferred d)
    {
        try
        {
            await d;
            return "not failed";
        }
        catch (ArithmeticException)
        {
            return "caught";
        }
    }

    private static async Deferred Throw(Deferred inner, string marker)
    {
        await inner;
        throw new ArithmeticException(marker);
    }
}
