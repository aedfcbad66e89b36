// `make demo`: a Synapse-like homeserver in miniature, on the real Reactor. Several requests run at once,
// each in its own LoggingContext; every console line shows the request it belongs to, with no per-call
// code; a table of per-request resource usage ends the run.
using System.Globalization;
using Deferreds;
using Deferreds.Context;
using Homeserver;
using Microsoft.Extensions.Logging;

using var loggerFactory = LoggerFactory.Create(logging => logging
    .AddSimpleConsole(options =>
    {
        options.IncludeScopes = true;
        options.SingleLine = true;
        options.TimestampFormat = "HH:mm:ss.fff ";
    })
    .AddLoggingContext());
LogContext.Logger = loggerFactory.CreateLogger("logcontext");
if (ThreadCpuTime.IsSupported)
{
    LogContext.CpuTimeSource = ThreadCpuTime.Read; // Synapse's per-thread CPU accounting (off by default)
}

using var reactor = new Reactor(loggerFactory.CreateLogger("reactor"));
var server = new MiniHomeserver(reactor, new Database(), loggerFactory.CreateLogger("homeserver"));
(string Method, string Path)[] incoming =
[
    ("GET", "/rooms/!lobby/messages"),
    ("PUT", "/rooms/!lobby/send/m.room.message"),
    ("GET", "/sync"),
    ("GET", "/profile/@alice"),
];
var contexts = new List<LoggingContext>();

reactor.CallWhenRunning(() =>
{
    var responses = new List<Deferred>();
    foreach (var (method, path) in incoming)
    {
        // The HTTP layer's job in Synapse: one context per request, current while its handler starts.
        var requestId = $"{method}-{contexts.Count + 1}";
        var context = new LoggingContext(requestId, request: new ContextRequest(requestId, Method: method, Url: path));
        contexts.Add(context);
        using (new PreserveLoggingContext(context))
        {
            responses.Add(LogContext.RunInBackground(() => server.HandleAsync(method, path)));
        }
    }
    // Back in the sentinel: wait for every response, then for the background work they started.
    Defer.GatherResults(responses)
        .AddCallback(_ => Defer.GatherResults(server.BackgroundWork))
        .AddBoth(result =>
        {
            reactor.Stop();
            return result is Failure ? result : null;
        });
});
reactor.Run();

Console.WriteLine();
Console.WriteLine($"{"request",-8} {"cpu user ms",11} {"cpu sys ms",10} {"db txns",7} {"db ms",7} {"db sched ms",11} {"events",6}");
foreach (var context in contexts)
{
    var usage = context.GetResourceUsage();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{context.Name,-8} {usage.RuUtime * 1000,11:F1} {usage.RuStime * 1000,10:F1} {usage.DbTxnCount,7} {usage.DbTxnDurationSec * 1000,7:F1} {usage.DbSchedDurationSec * 1000,11:F1} {usage.EvtDbFetchCount,6}"));
}
