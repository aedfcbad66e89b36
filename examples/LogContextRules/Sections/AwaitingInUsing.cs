using Deferreds;
using Deferreds.Context;
using LogContextRules.Support;
using static LogContextRules.Support.FakeReactor;

namespace LogContextRules.Sections;

/// <summary>
/// Awaiting inside a <c>using</c> block: every method returning a Deferred follows the rules, so the code after
/// each await is back in the request's context, and the reactor runs in the sentinel meanwhile.
/// </summary>
internal static class AwaitingInUsing
{
    public static void Run()
    {
        Time.CallLater(0.5, () => Log.Debug("the reactor, while the request sleeps"));
        var request = HandleRequest("request-1");
        Log.Debug("HandleRequest returned, unfinished");
        FakeReactor.Run();
        Defer.SuccessResultOf(request);
        Log.Expect(
            "sleeping @ request-1",
            "HandleRequest returned, unfinished @ sentinel",
            "the reactor, while the request sleeps @ sentinel",
            "phew @ request-1",
            "finished @ request-1");
    }

    #region awaiting
    static async Deferred HandleRequest(string requestId)
    {
        using (new LoggingContext(requestId).Enter())
        {
            await DoRequestHandling();   // follows the rules: we are back in requestId afterwards
            Log.Debug("finished");
        }
    }

    static async Deferred DoRequestHandling()
    {
        Log.Debug("sleeping");
        await Sleep(1);                  // clears the context while asleep, restores it on waking
        Log.Debug("phew");
    }
    #endregion
}
