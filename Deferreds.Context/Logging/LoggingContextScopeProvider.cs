using Microsoft.Extensions.Logging;

namespace Deferreds.Context;

/// <summary>
/// An <see cref="IExternalScopeProvider"/> that reports the calling thread's current
/// <see cref="LoggingContext"/> (its name and request id, as the scope values <c>LoggingContext</c> and
/// <c>RequestId</c>) as the outermost scope of every log record, then the scopes opened with
/// <c>BeginScope</c>, which it keeps in an inner provider. Nothing is reported for the sentinel.
/// This is Synapse's <c>LoggingContextFilter</c> for Microsoft.Extensions.Logging; register it with
/// <see cref="LoggingContextLoggingBuilderExtensions.AddLoggingContext"/>.
/// </summary>
public sealed class LoggingContextScopeProvider : IExternalScopeProvider
{
    private readonly IExternalScopeProvider _inner;

    /// <summary>Creates the provider.</summary>
    /// <param name="inner">Keeps the scopes opened with <c>BeginScope</c>; a new <see cref="LoggerExternalScopeProvider"/> when null.</param>
    public LoggingContextScopeProvider(IExternalScopeProvider? inner = null)
    {
        _inner = inner ?? new LoggerExternalScopeProvider();
    }

    /// <summary>Calls <paramref name="callback"/> with the current log context's scope (unless it is the sentinel), then with each <c>BeginScope</c> scope.</summary>
    /// <typeparam name="TState">The type of <paramref name="state"/>.</typeparam>
    /// <param name="callback">Receives each scope.</param>
    /// <param name="state">Passed through to <paramref name="callback"/>.</param>
    public void ForEachScope<TState>(Action<object?, TState> callback, TState state)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var context = LogContext.Current;
        if (!context.IsSentinel)
        {
            callback(context.Scope, state);
        }
        _inner.ForEachScope(callback, state);
    }

    /// <summary>Opens a <c>BeginScope</c> scope in the inner provider.</summary>
    /// <param name="state">The scope's state.</param>
    /// <returns>Closes the scope when disposed.</returns>
    public IDisposable Push(object? state) => _inner.Push(state);
}
