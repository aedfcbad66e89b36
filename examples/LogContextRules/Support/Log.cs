using Deferreds.Context;
using Microsoft.Extensions.Logging;

namespace LogContextRules.Support;

/// <summary>
/// Where the seed writes <c>logger.debug("...")</c>: prints the message with the context it is logged against,
/// and records it so each section can check it got the seed's answer. Also receives LogContext's misuse warnings.
/// </summary>
internal static class Log
{
    private static readonly List<string> s_lines = [];

    public static ILogger Warnings { get; } = new WarningPrinter();

    public static void Debug(string message)
    {
        Console.WriteLine($"    [{LogContext.Current}] {message}");
        s_lines.Add($"{message} @ {LogContext.Current}");
    }

    /// <summary>Throws unless exactly these lines ("message @ context", "warning: ...") were logged since the last check.</summary>
    public static void Expect(params string[] expected)
    {
        if (!s_lines.SequenceEqual(expected))
        {
            throw new InvalidOperationException(
                $"Expected the log{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", expected)}{Environment.NewLine}" +
                $"but got{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", s_lines)}");
        }
        s_lines.Clear();
    }

    private sealed class WarningPrinter : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            Console.WriteLine($"    logcontext {logLevel}: {message}");
            s_lines.Add($"warning: {message}");
        }
    }
}
