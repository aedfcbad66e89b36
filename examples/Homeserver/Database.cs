using System.Diagnostics;
using Deferreds.Context;

namespace Homeserver;

/// <summary>A pretend database: blocking calls (run on pool threads) that record their cost on the current context.</summary>
internal sealed class Database
{
    public string LookupUser(string path)
    {
        var started = Stopwatch.GetTimestamp();
        Thread.Sleep(20); // a blocking query
        LogContext.Current.AddDatabaseTransaction(Stopwatch.GetElapsedTime(started).TotalSeconds);
        return path.Contains("@alice", StringComparison.Ordinal) ? "@alice:example.org" : "@bob:example.org";
    }

    public string FetchEvent(int n)
    {
        var started = Stopwatch.GetTimestamp();
        Thread.Sleep(5);
        var context = LogContext.Current;
        context.AddDatabaseScheduled(0.001);
        context.AddDatabaseTransaction(Stopwatch.GetElapsedTime(started).TotalSeconds);
        context.RecordEventFetch(1);
        return $"$event{n}:example.org";
    }
}
