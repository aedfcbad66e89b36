using System.Diagnostics;

namespace Deferreds.Context;

/// <summary>
/// A log context (Synapse's <c>LoggingContext</c>): names the unit of work — normally a request — that the
/// current thread is doing. Log records are stamped with it and CPU time and database work are charged to
/// it (and to its parents).
/// </summary>
/// <remarks>
/// Constructing a context does not make it current. <see cref="Enter"/> (Python's <c>__enter__</c>) does, and
/// <see cref="Dispose"/> (<c>__exit__</c>) restores <see cref="PreviousContext"/> — the context that was
/// current when this one was <em>constructed</em> — and marks this one <see cref="Finished"/>:
/// <code>using (var request = new LoggingContext("GET-42").Enter()) { ... }</code>
/// To activate a context whose life must outlast a block (so that a late restore does not warn), use
/// <c>new PreserveLoggingContext(context)</c> instead.
/// </remarks>
[DebuggerDisplay("LoggingContext {Name}")]
public sealed class LoggingContext : IDisposable
{
    internal const string SentinelServerName = "unknown_server_from_sentinel_context";

    private readonly int _mainThread;
    private readonly bool _isSentinel;
    private readonly ResourceUsage _usage = new();
    private bool _active;
    private ThreadCpuTime? _usageStart;
    private Func<object?, object?>? _restoreCallback;
    private LoggingContextScope? _scope;

    /// <summary>Creates a log context; it becomes current only through <see cref="Enter"/>, <see cref="PreserveLoggingContext"/> or <see cref="LogContext.SetCurrent"/>.</summary>
    /// <param name="name">The context's name: what log records show (<see cref="ToString"/> returns it).</param>
    /// <param name="parentContext">
    /// A context to charge this one's usage to as well, and to inherit <see cref="Request"/> from; the
    /// sentinel counts as none.
    /// </param>
    /// <param name="request">The request this context serves; overrides the one inherited from the parent.</param>
    /// <param name="serverName">The server (tenant) the work is for; inherited from the parent when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    public LoggingContext(string name, LoggingContext? parentContext = null, ContextRequest? request = null, string? serverName = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
        PreviousContext = LogContext.Current;
        _mainThread = Environment.CurrentManagedThreadId;
        if (parentContext is { _isSentinel: false })
        {
            ParentContext = parentContext;
            Request = parentContext.Request;
            serverName ??= parentContext.ServerName;
        }
        Request = request ?? Request;
        ServerName = serverName;
    }

    private LoggingContext()
    {
        Name = "sentinel";
        ServerName = SentinelServerName;
        _isSentinel = true;
    }

    /// <summary>The context's name.</summary>
    public string Name { get; }

    /// <summary>The server (tenant) this context's work is for, if known.</summary>
    public string? ServerName { get; }

    /// <summary>The context this one charges its usage to as well; null for a root context and for the sentinel.</summary>
    public LoggingContext? ParentContext { get; }

    /// <summary>The context that was current when this one was constructed; <see cref="Dispose"/> restores it. Null for the sentinel.</summary>
    public LoggingContext? PreviousContext { get; }

    /// <summary>The request this context serves, if any (inherited from the parent unless given).</summary>
    public ContextRequest? Request { get; set; }

    /// <summary>A free-form label (Synapse's <c>tag</c>), used by request metrics.</summary>
    public string Tag { get; set; } = "";

    /// <summary>True once <see cref="Dispose"/> (exit) has run; making it current again after that is reported.</summary>
    public bool Finished { get; private set; }

    /// <summary>True for <see cref="LogContext.Sentinel"/>, the empty context the reactor runs in.</summary>
    public bool IsSentinel => _isSentinel;

    /// <summary>Makes this context current (Python's <c>__enter__</c>) and returns it, for <c>using</c>.</summary>
    /// <returns>This context.</returns>
    /// <exception cref="InvalidOperationException">This is the sentinel; clear the context with <c>new PreserveLoggingContext()</c> instead.</exception>
    /// <exception cref="LoggingContextError">
    /// <see cref="LogContext.Strict"/> is on and the context current before was not <see cref="PreviousContext"/>,
    /// or this context has finished or runs on another thread than the one that built it.
    /// </exception>
    public LoggingContext Enter()
    {
        if (_isSentinel)
        {
            throw new InvalidOperationException(
                "The sentinel logging context cannot be entered. To clear the current context, use `using (new PreserveLoggingContext()) { ... }`.");
        }
        var old = LogContext.SetCurrent(this);
        if (!ReferenceEquals(old, PreviousContext))
        {
            LogContext.ReportError($"Expected previous context {PreviousContext}, found {old}");
        }
        return this;
    }

    /// <summary>
    /// Leaves the context (Python's <c>__exit__</c>): restores <see cref="PreviousContext"/>, reports if this
    /// context was not the current one ("was lost" / "but found"), and marks it <see cref="Finished"/>.
    /// Does nothing on the sentinel.
    /// </summary>
    /// <exception cref="LoggingContextError"><see cref="LogContext.Strict"/> is on and this context was not current.</exception>
    public void Dispose()
    {
        if (_isSentinel)
        {
            return;
        }
        var found = LogContext.SetCurrent(PreviousContext!);
        try
        {
            if (!ReferenceEquals(found, this))
            {
                LogContext.ReportError(found.IsSentinel
                    ? $"Expected logging context {this} was lost"
                    : $"Expected logging context {this} but found {found}");
            }
        }
        finally
        {
            Finished = true;
        }
    }

    /// <summary>
    /// A copy of what this context has used so far, including its children; while the context is current on
    /// the calling thread, the CPU time since it last became current is included.
    /// </summary>
    /// <returns>A new <see cref="ResourceUsage"/> the caller may keep.</returns>
    public ResourceUsage GetResourceUsage()
    {
        ResourceUsage copy;
        lock (_usage)
        {
            copy = _usage.Copy();
        }
        if (_usageStart is { } start && _active && Environment.CurrentManagedThreadId == _mainThread
            && LogContext.CpuTimeSource?.Invoke() is { } now)
        {
            var (user, system) = GetCpuTime(start, now);
            copy.RuUtime += user;
            copy.RuStime += system;
        }
        return copy;
    }

    /// <summary>Records one database transaction that took <paramref name="durationSec"/> seconds, here and in every parent.</summary>
    /// <param name="durationSec">The transaction's duration, in seconds.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="durationSec"/> is negative.</exception>
    public void AddDatabaseTransaction(double durationSec)
    {
        if (_isSentinel)
        {
            return;
        }
        if (durationSec < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(durationSec), durationSec, "DB txn time can only be non-negative");
        }
        for (var context = this; context is not null; context = context.ParentContext)
        {
            lock (context._usage)
            {
                context._usage.DbTxnCount++;
                context._usage.DbTxnDurationSec += durationSec;
            }
        }
    }

    /// <summary>Records <paramref name="schedSec"/> seconds spent waiting for a database connection, here and in every parent.</summary>
    /// <param name="schedSec">The wait, in seconds.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="schedSec"/> is negative.</exception>
    public void AddDatabaseScheduled(double schedSec)
    {
        if (_isSentinel)
        {
            return;
        }
        if (schedSec < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(schedSec), schedSec, "DB scheduling time can only be non-negative");
        }
        for (var context = this; context is not null; context = context.ParentContext)
        {
            lock (context._usage)
            {
                context._usage.DbSchedDurationSec += schedSec;
            }
        }
    }

    /// <summary>Records that <paramref name="eventCount"/> events were fetched from the database, here and in every parent.</summary>
    /// <param name="eventCount">The number of events.</param>
    public void RecordEventFetch(long eventCount)
    {
        if (_isSentinel)
        {
            return;
        }
        for (var context = this; context is not null; context = context.ParentContext)
        {
            lock (context._usage)
            {
                context._usage.EvtDbFetchCount += eventCount;
            }
        }
    }

    /// <summary>The context's name (the sentinel's is <c>sentinel</c>).</summary>
    /// <returns><see cref="Name"/>.</returns>
    public override string ToString() => Name;

    internal static LoggingContext CreateSentinel() => new();

    /// <summary>A pass-through callback that makes this context current; one per context, so adding it allocates no closure.</summary>
    internal Func<object?, object?> RestoreCallback => _restoreCallback ??= result =>
    {
        LogContext.SetCurrent(this);
        return result;
    };

    internal LoggingContextScope Scope => _scope ??= new LoggingContextScope(this);

    /// <summary>Called when this context becomes current on the calling thread (Synapse's <c>start</c>).</summary>
    internal void Start(ThreadCpuTime? snapshot)
    {
        if (_isSentinel)
        {
            return;
        }
        if (Environment.CurrentManagedThreadId != _mainThread)
        {
            LogContext.ReportError($"Started logcontext {this} on different thread");
            return;
        }
        if (Finished)
        {
            LogContext.ReportError($"Re-starting finished log context {this}");
        }
        if (_active)
        {
            LogContext.ReportError($"Re-starting already-active log context {this}");
            return;
        }
        _active = true;
        _usageStart = snapshot;
    }

    /// <summary>Called when this context stops being current on the calling thread (Synapse's <c>stop</c>): charges the CPU used since <see cref="Start"/>.</summary>
    internal void Stop(ThreadCpuTime? snapshot)
    {
        if (_isSentinel)
        {
            return;
        }
        if (Environment.CurrentManagedThreadId != _mainThread)
        {
            LogContext.ReportError($"Stopped logcontext {this} on different thread");
            return;
        }
        try
        {
            if (snapshot is not { } now)
            {
                return;
            }
            if (!_active)
            {
                LogContext.ReportError($"Called stop on logcontext {this} without recording a start rusage");
                return;
            }
            // Started while CPU accounting was off: nothing to measure from.
            if (_usageStart is not { } start)
            {
                return;
            }
            var (user, system) = GetCpuTime(start, now);
            AddCpuTime(user, system);
        }
        finally
        {
            _active = false;
            _usageStart = null;
        }
    }

    private static (double User, double System) GetCpuTime(ThreadCpuTime start, ThreadCpuTime now)
    {
        var user = now.UserSeconds - start.UserSeconds;
        if (user < 0)
        {
            LogContext.LogError($"utime went backwards! {now.UserSeconds:F6} < {start.UserSeconds:F6}");
            user = 0;
        }
        var system = now.SystemSeconds - start.SystemSeconds;
        if (system < 0)
        {
            LogContext.LogError($"stime went backwards! {now.SystemSeconds:F6} < {start.SystemSeconds:F6}");
            system = 0;
        }
        return (user, system);
    }

    private void AddCpuTime(double user, double system)
    {
        for (var context = this; context is not null; context = context.ParentContext)
        {
            lock (context._usage)
            {
                context._usage.RuUtime += user;
                context._usage.RuStime += system;
            }
        }
    }
}
