namespace Deferreds;

/// <summary>The failure a Deferred gets when it is cancelled (Twisted's <c>defer.CancelledError</c>).</summary>
public sealed class CancelledError : OperationCanceledException
{
    /// <summary>Creates the error with the default message.</summary>
    public CancelledError()
        : base("The Deferred was cancelled.")
    {
    }

    /// <summary>Creates the error with a message.</summary>
    /// <param name="message">What happened.</param>
    public CancelledError(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with a message and a cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public CancelledError(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
