using System.Globalization;

namespace Deferreds;

/// <summary>
/// The failure a Deferred gets when <c>AddTimeout</c>'s time runs out before it fires
/// (Twisted's <c>defer.TimeoutError</c>, raised with <c>(timeout, "Deferred")</c>).
/// </summary>
public sealed class TimeoutError : TimeoutException
{
    /// <summary>Creates the error with the default message.</summary>
    public TimeoutError()
        : base("The operation timed out.")
    {
    }

    /// <summary>Creates the error with a message.</summary>
    /// <param name="message">What happened.</param>
    public TimeoutError(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with a message and a cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public TimeoutError(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the error for something (<paramref name="what"/>, e.g. "Deferred") that did not finish within <paramref name="timeout"/>.</summary>
    /// <param name="timeout">The time limit that ran out.</param>
    /// <param name="what">What timed out.</param>
    public TimeoutError(TimeSpan timeout, string what)
        : base(string.Create(CultureInfo.InvariantCulture, $"{what} timed out after {timeout.TotalSeconds} seconds."))
    {
        Timeout = timeout;
        What = what;
    }

    /// <summary>The time limit that ran out, when known.</summary>
    public TimeSpan? Timeout { get; }

    /// <summary>What timed out (Twisted passes <c>"Deferred"</c>), when known.</summary>
    public string? What { get; }
}
