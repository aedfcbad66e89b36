namespace Deferreds.Context;

/// <summary>
/// Switches to a context for the span of a <c>using</c> block and back again (Synapse's
/// <c>PreserveLoggingContext</c>): <c>using (new PreserveLoggingContext()) { ... }</c> runs the block in the
/// sentinel — to fire a Deferred others await, or to start fire-and-forget work — and
/// <c>new PreserveLoggingContext(context)</c> activates a context without ever marking it finished.
/// </summary>
/// <remarks>
/// Python builds the object and then enters it; here the constructor enters, and <see cref="Dispose"/> exits.
/// Disposing it a second time does nothing.
/// </remarks>
public sealed class PreserveLoggingContext : IDisposable
{
    private readonly LoggingContext _newContext;
    private readonly LoggingContext _oldContext;
    private bool _disposed;

    /// <summary>Makes the sentinel current until <see cref="Dispose"/>.</summary>
    public PreserveLoggingContext()
        : this(LogContext.Sentinel)
    {
    }

    /// <summary>Makes <paramref name="newContext"/> current until <see cref="Dispose"/>.</summary>
    /// <param name="newContext">The context to run the block in.</param>
    /// <exception cref="ArgumentNullException"><paramref name="newContext"/> is null.</exception>
    /// <exception cref="LoggingContextError"><see cref="LogContext.Strict"/> is on and <paramref name="newContext"/> has finished or belongs to another thread.</exception>
    public PreserveLoggingContext(LoggingContext newContext)
    {
        ArgumentNullException.ThrowIfNull(newContext);
        _newContext = newContext;
        _oldContext = LogContext.SetCurrent(newContext);
    }

    /// <summary>
    /// Restores the context that was current before, and reports if the block did not leave the context it
    /// was given current ("Expected logging context ... was lost" / "... but found ...").
    /// </summary>
    /// <exception cref="LoggingContextError"><see cref="LogContext.Strict"/> is on and the block changed the context.</exception>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        var found = LogContext.SetCurrent(_oldContext);
        if (!ReferenceEquals(found, _newContext))
        {
            LogContext.ReportError(found.IsSentinel
                ? $"Expected logging context {_newContext} was lost"
                : $"Expected logging context {_newContext} but found {found}");
        }
    }
}
