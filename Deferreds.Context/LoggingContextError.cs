namespace Deferreds.Context;

/// <summary>
/// A misuse of log contexts (a context lost, restored in the wrong place, or restarted after it finished),
/// thrown instead of logged while <see cref="LogContext.Strict"/> is on — Synapse's <c>logcontext_clean</c>
/// test mode.
/// </summary>
public sealed class LoggingContextError : InvalidOperationException
{
    /// <summary>Creates the error.</summary>
    public LoggingContextError()
        : base("A logging context was misused.")
    {
    }

    /// <summary>Creates the error with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public LoggingContextError(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with a message and the error that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public LoggingContextError(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
