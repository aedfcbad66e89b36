using Deferreds;
using Deferreds.Context;
using LogContextRules.Support;
using static LogContextRules.Support.FakeReactor;

namespace LogContextRules.Sections;

/// <summary>
/// A raw Deferred (from a timer, another thread, a combinator...) does not follow the rules. Awaited as it is,
/// it leaves the request's context current while the reactor runs; wrapped, it behaves.
/// </summary>
internal static class NonCompliantDeferreds
{
    public static void Run()
    {
        Time.CallLater(0.5, () => Log.Debug("the reactor, while request-1 waits"));
        var raw = AwaitRaw("request-1");
        Log.Debug("AwaitRaw returned, unfinished");  // the caller is left in request-1
        FakeReactor.Run();
        Defer.SuccessResultOf(raw);

        Time.CallLater(0.5, () => Log.Debug("the reactor, while request-2 waits"));
        var wrapped = AwaitWrapped("request-2");
        FakeReactor.Run();
        Defer.SuccessResultOf(wrapped);

        Time.CallLater(0.5, () => Log.Debug("the reactor, while request-3 waits"));
        var byHand = AwaitByHand("request-3");
        FakeReactor.Run();
        Defer.SuccessResultOf(byHand);
        Log.Expect(
            "AwaitRaw returned, unfinished @ request-1",
            "the reactor, while request-1 waits @ request-1",
            "after the raw await @ request-1",
            "the reactor, while request-2 waits @ sentinel",
            "after the wrapped await @ request-2",
            "the reactor, while request-3 waits @ sentinel",
            "after the await by hand @ request-3");
    }

    #region raw
    static async Deferred AwaitRaw(string requestId)
    {
        using (new LoggingContext(requestId).Enter())
        {
            await GetSleepDeferred(1);   // wrong: requestId stays current while the reactor runs
            Log.Debug("after the raw await");
        }
    }
    #endregion

    #region wrapped
    static async Deferred AwaitWrapped(string requestId)
    {
        using (new LoggingContext(requestId).Enter())
        {
            await LogContext.MakeDeferredYieldable(GetSleepDeferred(1));   // clears now, restores when it fires
            Log.Debug("after the wrapped await");
        }
    }
    #endregion

    #region by-hand
    static async Deferred AwaitByHand(string requestId)
    {
        using (new LoggingContext(requestId).Enter())
        {
            using (new PreserveLoggingContext())   // the same, by hand: wait in the sentinel
            {
                await GetSleepDeferred(1);
            }
            Log.Debug("after the await by hand");
        }
    }
    #endregion
}
