using Deferreds;
using Deferreds.Context;
using LogContextRules.Support;
using static LogContextRules.Support.FakeReactor;

namespace LogContextRules.Sections;

/// <summary>
/// Fire-and-forget: start background work either in the sentinel (it logs against nobody) or in the request's
/// context with RunInBackground (it logs against the request, and hands the sentinel back to the reactor).
/// </summary>
internal static class FireAndForget
{
    public static void Run()
    {
        HandleRequestQuietly("request-1");
        FakeReactor.Run();

        HandleRequestInBackground("request-2");
        Log.Debug("HandleRequestInBackground returned");
        FakeReactor.Run();
        Log.Expect(
            "background started @ sentinel",
            "Request handling complete @ request-1",
            "background done @ sentinel",
            "background started @ request-2",
            "Request handling complete @ request-2",
            "HandleRequestInBackground returned @ sentinel",
            "background done @ request-2");
    }

    static async Deferred BackgroundOperation()
    {
        Log.Debug("background started");
        await Sleep(1);
        Log.Debug("background done");
    }

    #region in-sentinel
    static void HandleRequestQuietly(string requestId)
    {
        using (new LoggingContext(requestId).Enter())
        {
            using (new PreserveLoggingContext())
            {
                _ = BackgroundOperation();       // starts, and runs to its end, in the sentinel
            }
            Log.Debug("Request handling complete");
        }
    }
    #endregion

    #region run-in-background
    static void HandleRequestInBackground(string requestId)
    {
        // PreserveLoggingContext(context) activates the context without finishing it at the end of the block:
        // the background work outlives the block, and will restore requestId when it wakes up.
        using (new PreserveLoggingContext(new LoggingContext(requestId)))
        {
            _ = LogContext.RunInBackground(BackgroundOperation);   // starts in requestId; we keep requestId
            Log.Debug("Request handling complete");
        }
    }
    #endregion
}
