using Deferreds;
using Deferreds.Context;
using LogContextRules.Support;
using static LogContextRules.Support.FakeReactor;

namespace LogContextRules.Sections;

/// <summary>
/// Always await your Deferreds: a rule-following method that is not awaited leaves the caller in the sentinel,
/// and later restores the caller's (by then finished) context into the reactor.
/// </summary>
internal static class AlwaysAwait
{
    public static void Run()
    {
        Forgetful("request-1");
        Time.CallLater(2, () => Log.Debug("the reactor, after the sleep"));
        FakeReactor.Run();
        LogContext.SetCurrent(LogContext.Sentinel);  // clean up the leak for the next section

        var right = Careful("request-2");
        FakeReactor.Run();
        Defer.SuccessResultOf(right);
        Log.Expect(
            "oops @ sentinel",
            "warning: Expected logging context request-1 was lost",
            "warning: Re-starting finished log context request-1",
            "the reactor, after the sleep @ request-1",
            "after the await @ request-2");
    }

    #region wrong
    static void Forgetful(string requestId)
    {
        using (new LoggingContext(requestId).Enter())
        {
            _ = Sleep(1);                // wrong: Sleep cleared the context before returning
            Log.Debug("oops");           // logged against nobody; later the sleep leaks requestId into the reactor
        }
    }
    #endregion

    #region right
    static async Deferred Careful(string requestId)
    {
        using (new LoggingContext(requestId).Enter())
        {
            await Sleep(1);              // right: await at once, before doing anything else
            Log.Debug("after the await");
        }
    }
    #endregion
}
