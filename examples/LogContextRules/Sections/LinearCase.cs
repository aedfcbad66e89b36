using Deferreds.Context;
using LogContextRules.Support;

namespace LogContextRules.Sections;

/// <summary>The seed's first example: without async code, everything inside the block logs against the request.</summary>
internal static class LinearCase
{
    public static void Run()
    {
        HandleRequest("request-1");
        Log.Expect("phew @ request-1", "finished @ request-1");
    }

    #region linear
    static void HandleRequest(string requestId)
    {
        using (new LoggingContext(requestId).Enter())
        {
            DoRequestHandling();
            Log.Debug("finished");
        }
    }

    static void DoRequestHandling() => Log.Debug("phew"); // logged against requestId
    #endregion
}
