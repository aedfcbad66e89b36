using Deferreds;
using Deferreds.Context;
using LogContextRules.Support;
using static LogContextRules.Support.FakeReactor;

namespace LogContextRules.Sections;

/// <summary>
/// Firing a Deferred runs its callbacks in the firer's context. If one of them resumes rule-following code that
/// then suspends, the firer is left in the sentinel (issue 1), and when that code finishes it restores the
/// firer's context, which may be finished by then (issue 2). Fix: fire it from the sentinel.
/// </summary>
internal static class FiringDeferreds
{
    public static void Run()
    {
        var waitedOn = new Deferred();
        _ = waitedOn.AddCallback(_ => Competing());
        FireInOwnContext(waitedOn);
        Time.CallLater(1, () => Log.Debug("the reactor, after the competing work"));
        FakeReactor.Run();
        LogContext.SetCurrent(LogContext.Sentinel);  // clean up the leak for the next section

        var waitedOn2 = new Deferred();
        _ = waitedOn2.AddCallback(_ => Competing());
        FireFromSentinel(waitedOn2);
        Time.CallLater(1, () => Log.Debug("the reactor, after the competing work"));
        FakeReactor.Run();
        Log.Expect(
            "after firing @ sentinel",
            "warning: Expected logging context main was lost",
            "competing done @ competing",
            "warning: Re-starting finished log context main",
            "the reactor, after the competing work @ main",
            "after firing @ main",
            "competing done @ competing",
            "the reactor, after the competing work @ sentinel");
    }

    /// <summary>Code waiting on the Deferred: it runs in its own context and suspends once.</summary>
    static async Deferred Competing()
    {
        using (new LoggingContext("competing").Enter())
        {
            await Sleep(0);
            Log.Debug("competing done");
        }   // restores the context that was current when "competing" was created: the firer's
    }

    #region issue
    static void FireInOwnContext(Deferred d)
    {
        using (new LoggingContext("main").Enter())
        {
            d.Callback(null);            // the callbacks run here, in "main"; Competing suspends and clears it
            Log.Debug("after firing");   // issue 1: logged against the sentinel
        }                                // and when Competing finishes it restores the finished "main" (issue 2)
    }
    #endregion

    #region fix
    static void FireFromSentinel(Deferred d)
    {
        using (new LoggingContext("main").Enter())
        {
            using (new PreserveLoggingContext())
            {
                d.Callback(null);        // the callbacks start, and end, in the sentinel
            }
            Log.Debug("after firing");
        }
    }
    #endregion
}
