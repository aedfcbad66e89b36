using Deferreds;
using Deferreds.Context;
using LogContextRules.Support;
using static LogContextRules.Support.FakeReactor;

namespace LogContextRules.Sections;

/// <summary>
/// Gathering results from several operations: start each with RunInBackground and wrap the gather with
/// MakeDeferredYieldable, or start them all in the sentinel and await the raw gather there.
/// </summary>
internal static class Gathering
{
    public static void Run()
    {
        var inContext = GatherInContext("request-1");
        FakeReactor.Run();
        Defer.SuccessResultOf(inContext);

        var inSentinel = GatherInSentinel("request-2");
        FakeReactor.Run();
        Defer.SuccessResultOf(inSentinel);
        Log.Expect(
            "op1 started @ request-1",
            "op2 started @ request-1",
            "op1 done @ request-1",
            "op2 done @ request-1",
            "gathered op1, op2 @ request-1",
            "op1 started @ sentinel",
            "op2 started @ sentinel",
            "op1 done @ sentinel",
            "op2 done @ sentinel",
            "gathered op1, op2 @ request-2");
    }

    static async Deferred<string> Operation(string name, double seconds)
    {
        Log.Debug($"{name} started");
        await Sleep(seconds);
        Log.Debug($"{name} done");
        return name;
    }

    #region run-in-background
    static async Deferred GatherInContext(string requestId)
    {
        using (new LoggingContext(requestId).Enter())
        {
            var d1 = LogContext.RunInBackground(() => Operation("op1", 1));
            var d2 = LogContext.RunInBackground(() => Operation("op2", 2));
            var results = await LogContext.MakeDeferredYieldable(Defer.GatherResults([d1, d2]));
            Log.Debug($"gathered {string.Join(", ", results)}");
        }
    }
    #endregion

    #region in-sentinel
    static async Deferred GatherInSentinel(string requestId)
    {
        using (new LoggingContext(requestId).Enter())
        {
            IReadOnlyList<string> results;
            using (new PreserveLoggingContext())
            {
                results = await Defer.GatherResults([Operation("op1", 1), Operation("op2", 2)]);
            }
            Log.Debug($"gathered {string.Join(", ", results)}");
        }
    }
    #endregion
}
