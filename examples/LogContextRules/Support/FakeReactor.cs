using Deferreds;
using Deferreds.Context;

namespace LogContextRules.Support;

/// <summary>The seed's reactor and <c>sleep</c>, on a <see cref="Clock"/> so every section runs instantly and deterministically.</summary>
internal static class FakeReactor
{
    public static Clock Time { get; private set; } = new();

    public static void Reset() => Time = new Clock();

    /// <summary>Runs every pending call, advancing time call by call — from the sentinel, as a reactor runs.</summary>
    public static void Run()
    {
        while (Time.GetDelayedCalls() is [var next, ..])
        {
            Time.Advance(Math.Max(0, next.GetTime() - Time.Seconds()));
        }
    }

    #region sleep
    // A raw Deferred from the reactor: it does not follow the rules (it never touches the context).
    public static Deferred GetSleepDeferred(double seconds)
    {
        var d = new Deferred();
        Time.CallLater(seconds, () => d.Callback(null));
        return d;
    }

    // Follows the rules: clears the context while asleep, restores the caller's when it wakes.
    public static async Deferred Sleep(double seconds)
    {
        await LogContext.MakeDeferredYieldable(GetSleepDeferred(seconds));
    }
    #endregion
}
