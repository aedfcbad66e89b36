using Deferreds;
using Deferreds.Context;
using Microsoft.Extensions.Logging;

namespace Homeserver;

/// <summary>Request handlers written the Synapse way: async Deferred methods that follow the log-context rules.</summary>
internal sealed partial class MiniHomeserver(Reactor reactor, Database database, ILogger logger)
{
    /// <summary>Work started with RunInBackground that the demo waits for before it stops.</summary>
    public List<Deferred> BackgroundWork { get; } = [];

    public async Deferred<string> HandleAsync(string method, string path)
    {
        LogReceived(method, path);
        var user = await LogContext.DeferToThread(reactor, () => database.LookupUser(path));
        await SleepAsync(TimeSpan.FromMilliseconds(30));

        // Gathering, Synapse style: start each fetch in the background (in our context), then wait for all
        // of them through MakeDeferredYieldable so the context comes back when they are done.
        var fetches = Enumerable.Range(1, 3).Select(n => LogContext.RunInBackground(() => FetchEventAsync(n))).ToArray();
        var events = await LogContext.MakeDeferredYieldable(Defer.GatherResults(fetches));

        if (method == "PUT")
        {
            // Fire and forget: the notification runs in this request's context but is not awaited.
            BackgroundWork.Add(LogContext.RunInBackground(() => NotifyPushersAsync(path)));
        }
        LogResponding(user, events.Count);
        return "200 OK";
    }

    private async Deferred<string> FetchEventAsync(int n)
    {
        await SleepAsync(TimeSpan.FromMilliseconds(10 * n));
        var eventId = await LogContext.DeferToThread(reactor, () => database.FetchEvent(n));
        LogFetched(eventId);
        return eventId;
    }

    private async Deferred<object?> NotifyPushersAsync(string path)
    {
        await SleepAsync(TimeSpan.FromMilliseconds(50));
        LogNotified(path);
        return null;
    }

    /// <summary>Synapse's clock.sleep: a reactor timer, made yieldable so our context survives the wait.</summary>
    private Deferred SleepAsync(TimeSpan delay) => LogContext.MakeDeferredYieldable(Defer.DeferLater(reactor, delay));

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "received {Method} {Path}")]
    private partial void LogReceived(string method, string path);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "fetched {EventId}")]
    private partial void LogFetched(string eventId);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "responding 200 to {User} with {Count} events")]
    private partial void LogResponding(string user, int count);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "pushers notified of {Path}")]
    private partial void LogNotified(string path);
}
