using Microsoft.Extensions.Logging;

namespace Deferreds.Tests.Context.Support;

/// <summary>Records what is logged through it, for assertions on LogContext's warnings.</summary>
internal sealed class CapturingLogger : ILogger
{
    public List<(LogLevel Level, string Message)> Records { get; } = [];

    public IEnumerable<string> Messages => Records.Select(r => r.Message);

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (Records)
        {
            Records.Add((logLevel, formatter(state, exception)));
        }
    }
}
