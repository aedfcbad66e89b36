using System.Runtime.CompilerServices;

namespace Deferreds.Tests.Twisted.TestDefer;

/// <summary>Ports of test_defer.py's unhandled-error (garbage collection) cases.</summary>
[Collection("Global state")]
public sealed class UnhandledErrorTests
{
    /// <summary>Collects garbage and returns the unhandled failures whose message carries <paramref name="marker"/>.</summary>
    internal static List<UnhandledErrorEventArgs> CollectReports(string marker, Action leaveGarbage)
    {
        var reports = new List<UnhandledErrorEventArgs>();
        void Handler(object? sender, UnhandledErrorEventArgs e)
        {
            if (e.Failure.GetErrorMessage().Contains(marker, StringComparison.Ordinal))
            {
                lock (reports)
                {
                    reports.Add(e);
                }
            }
        }
        Defer.UnhandledError += Handler;
        try
        {
            leaveGarbage();
            for (var i = 0; i < 3; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        }
        finally
        {
            Defer.UnhandledError -= Handler;
        }
        return reports;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void FailingChain(string marker)
    {
        var d = new Deferred();
        d.AddCallback(_ => throw new DivideByZeroException(marker));
        d.Callback(1);
    }

    [Fact]
    [Trait("Twisted", "test_errorLog")]
    public void CollectedWithFailure_ReportedOnce()
    {
        var reports = CollectReports("errorLog-marker", () => FailingChain("errorLog-marker"));
        var report = Assert.Single(reports);
        Assert.IsType<DivideByZeroException>(report.Failure.Value);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void FailingSelfCycle(string marker)
    {
        var d = new Deferred();
        d.AddCallback(_ => d).AddErrback(f => f); // the closure keeps a reference cycle with d
        d.Errback(new DivideByZeroException(marker));
    }

    [Fact]
    [Trait("Twisted", "test_errorLogWithInnerFrameCycle")]
    public void CollectedWithFailureInReferenceCycle_ReportedOnce()
    {
        Assert.Single(CollectReports("cycle-marker", () => FailingSelfCycle("cycle-marker")));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void HandledChain(string marker)
    {
        var d = Defer.Fail(new InvalidOperationException(marker));
        d.AddErrback(_ => null);
    }

    [Fact]
    public void CollectedAfterErrbackHandledIt_NotReported()
    {
        Assert.Empty(CollectReports("handled-marker", () => HandledChain("handled-marker")));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ChainedErrorCleanup(string marker)
    {
        var d = new Deferred();
        d.AddCallback(_ => Defer.Fail(new InvalidOperationException(marker)));
        d.AddErrback(_ => null);
        d.Callback(null);
    }

    [Fact]
    [Trait("Twisted", "test_chainedErrorCleanup")]
    public void FailureAdoptedFromReturnedDeferred_AndHandled_NotReportedForEither()
    {
        Assert.Empty(CollectReports("zoop-marker", () => ChainedErrorCleanup("zoop-marker")));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ErrorClearedByChaining(string marker)
    {
        var bad = Defer.Fail(new InvalidOperationException(marker));
        var good = new Deferred();
        bad.AddErrback(_ => good);
    }

    [Fact]
    [Trait("Twisted", "test_errorClearedByChaining")]
    public void FailureTurnedIntoWaitOnUnfiredDeferred_NotReported()
    {
        Assert.Empty(CollectReports("oh-no-marker", () => ErrorClearedByChaining("oh-no-marker")));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void DebuggedFailingChain(string marker)
    {
        var d = new Deferred();
        Defer.Debugging = true;
        try
        {
            d.Errback(new InvalidOperationException(marker));
        }
        finally
        {
            Defer.Debugging = false;
        }
    }

    [Fact]
    [Trait("Twisted", "test_errorLogDebugInfo")]
    public void CollectedWithFailure_Debugging_ReportCarriesFirstInvoker()
    {
        var report = Assert.Single(CollectReports("debug-marker", () => DebuggedFailingChain("debug-marker")));
        Assert.StartsWith(" I:", report.DebugInfo, StringComparison.Ordinal);
    }

    [Fact]
    public void NoSubscriber_WritesToLoggerOrStandardError()
    {
        var original = Console.Error;
        var captured = new StringWriter();
        Console.SetError(TextWriter.Synchronized(captured));
        try
        {
            FailingChain("stderr-marker");
            for (var i = 0; i < 3; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        }
        finally
        {
            Console.SetError(original);
        }
        var text = captured.ToString();
        Assert.Contains("Unhandled error in Deferred:", text, StringComparison.Ordinal);
        Assert.Contains("stderr-marker", text, StringComparison.Ordinal);
    }
}
