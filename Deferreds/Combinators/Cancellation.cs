using Microsoft.Extensions.Logging;

namespace Deferreds;

/// <summary>Cancels a combinator's members one by one; a canceller that throws is logged and the loop goes on (as Twisted's DeferredList.cancel).</summary>
internal static class Cancellation
{
    private static readonly Action<ILogger, Exception?> LogCancellerError = LoggerMessage.Define(
        LogLevel.Error, new EventId(1, "CancellerError"), "Exception raised from user supplied canceller");

    /// <summary>Cancels every member in order except the one at <paramref name="skip"/>.</summary>
    public static void CancelEach(Deferred[] members, int skip = -1)
    {
        for (var i = 0; i < members.Length; i++)
        {
            if (i == skip)
            {
                continue;
            }
            try
            {
                members[i].Cancel();
            }
#pragma warning disable CA1031 // a member's canceller failing must not stop the others from being cancelled
            catch (Exception exception)
#pragma warning restore CA1031
            {
                Report(exception);
            }
        }
    }

    private static void Report(Exception exception)
    {
        if (Defer.Logger is { } logger)
        {
            LogCancellerError(logger, exception);
        }
        else
        {
            Console.Error.WriteLine("Exception raised from user supplied canceller" + Environment.NewLine + exception);
        }
    }
}
