using Microsoft.Extensions.Logging;

namespace Deferreds.Context;

/// <summary>
/// Synapse's <c>synapse.logging.context</c> module: the current log context of each thread, and the helpers
/// that move it by hand across Deferred chains (<see cref="MakeDeferredYieldable(Deferred)"/>,
/// <see cref="RunInBackground(Func{Deferred})"/>). The current context is per thread and never flows by
/// itself into callbacks or async continuations — that is what the rules in <c>docs/log-contexts.md</c> are for.
/// </summary>
public static partial class LogContext
{
    [ThreadStatic]
    private static LoggingContext? t_current;

    private static volatile bool s_strict;
    private static volatile ILogger? s_logger;
    private static volatile Func<ThreadCpuTime?>? s_cpuTimeSource;

    private static readonly Action<ILogger, string, Exception?> s_logWarning =
        LoggerMessage.Define<string>(LogLevel.Warning, new EventId(1, "LogContextWarning"), "{Message}");

    private static readonly Action<ILogger, string, Exception?> s_logError =
        LoggerMessage.Define<string>(LogLevel.Error, new EventId(2, "LogContextError"), "{Message}");

    /// <summary>The empty context (Synapse's <c>SENTINEL_CONTEXT</c>): current whenever no unit of work is; the reactor must always run in it. Nothing is ever charged to it.</summary>
    public static LoggingContext Sentinel { get; } = LoggingContext.CreateSentinel();

    /// <summary>The calling thread's current context (Synapse's <c>current_context()</c>); the sentinel on a thread that never set one.</summary>
    public static LoggingContext Current => t_current ?? Sentinel;

    /// <summary>
    /// Where misuse reports and warnings go (Synapse's <c>logcontext_error</c> hook and the module's logger);
    /// null, the default, writes them to standard error.
    /// </summary>
    public static ILogger? Logger
    {
        get => s_logger;
        set => s_logger = value;
    }

    /// <summary>
    /// When true, each misuse report (a context lost, found in the wrong place, restarted after it finished,
    /// or not maintained by a completed background function) is logged and then thrown as a
    /// <see cref="LoggingContextError"/> — Synapse's <c>logcontext_clean</c> test mode. Off by default.
    /// </summary>
    public static bool Strict
    {
        get => s_strict;
        set => s_strict = value;
    }

    /// <summary>
    /// Where per-thread CPU time is read at each context switch, to charge each context (and its parents)
    /// with the CPU it used, as Synapse does. Null, the default, turns CPU accounting off: a switch then costs
    /// no system call. Set it to <see cref="ThreadCpuTime.Read"/> to turn it on (Linux), or to a fake in tests.
    /// </summary>
    public static Func<ThreadCpuTime?>? CpuTimeSource
    {
        get => s_cpuTimeSource;
        set => s_cpuTimeSource = value;
    }

    /// <summary>
    /// Makes <paramref name="context"/> current on the calling thread (Synapse's <c>set_current_context</c>):
    /// the old context is stopped and the new one started, each charged with the CPU it used in between.
    /// Setting the context that is already current does nothing.
    /// </summary>
    /// <param name="context">The context to make current; <see cref="Sentinel"/> to clear.</param>
    /// <returns>The context that was current before.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> is null.</exception>
    /// <exception cref="LoggingContextError"><see cref="Strict"/> is on and the new context has finished or belongs to another thread (the switch has happened anyway).</exception>
    public static LoggingContext SetCurrent(LoggingContext context)
    {
        if (context is null)
        {
            throw new ArgumentNullException(nameof(context), "The context may not be null: pass LogContext.Sentinel to clear the current context.");
        }
        var current = t_current ?? Sentinel;
        if (ReferenceEquals(current, context))
        {
            return current;
        }
        var snapshot = s_cpuTimeSource?.Invoke();
        current.Stop(snapshot);
        t_current = context;
        context.Start(snapshot);
        return current;
    }

    /// <summary>
    /// A new, not yet entered child of the current context named <c>"{current}-{suffix}"</c>
    /// (Synapse's <c>nested_logging_context</c>); typically <c>using (LogContext.NestedLoggingContext("x").Enter())</c>.
    /// From the sentinel it warns that metrics will be lost and builds a root context.
    /// </summary>
    /// <param name="suffix">Appended to the current context's name.</param>
    /// <returns>The new context.</returns>
    public static LoggingContext NestedLoggingContext(string suffix)
    {
        var current = Current;
        if (current.IsSentinel)
        {
            LogWarning("Starting nested logging context from sentinel context: metrics will be lost");
            return new LoggingContext($"{current}-{suffix}", serverName: LoggingContext.SentinelServerName);
        }
        return new LoggingContext($"{current}-{suffix}", parentContext: current);
    }

    /// <summary>
    /// Throws unless the sentinel is current on the calling thread — the check Synapse's test harness makes
    /// between tests. Before throwing it resets the thread to the sentinel, so one leak fails one test.
    /// </summary>
    /// <exception cref="LoggingContextError">A context other than the sentinel is current; the message names it.</exception>
    public static void AssertSentinel()
    {
        var current = Current;
        if (!current.IsSentinel)
        {
            SetCurrent(Sentinel);
            throw new LoggingContextError(
                $"Expected the sentinel logging context but found {current}: a logging context leaked. " +
                "Every path back to the reactor must clear the context (await everything, wrap raw Deferreds with " +
                "LogContext.MakeDeferredYieldable, start background work with LogContext.RunInBackground).");
        }
    }

    /// <summary>Synapse's <c>logcontext_error</c>: reports a rule violation, and throws it in strict mode.</summary>
    internal static void ReportError(string message)
    {
        LogWarning(message);
        if (s_strict)
        {
            throw new LoggingContextError($"logcontext error: {message}");
        }
    }

    internal static void LogWarning(string message)
    {
        if (s_logger is { } logger)
        {
            s_logWarning(logger, message, null);
        }
        else
        {
            Console.Error.WriteLine($"warning: Deferreds.Context: {message}");
        }
    }

    internal static void LogError(string message)
    {
        if (s_logger is { } logger)
        {
            s_logError(logger, message, null);
        }
        else
        {
            Console.Error.WriteLine($"error: Deferreds.Context: {message}");
        }
    }
}
