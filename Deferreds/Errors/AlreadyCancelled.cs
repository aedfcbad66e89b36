namespace Deferreds;

/// <summary>Thrown when cancelling, resetting or delaying a delayed call that was already cancelled (Twisted's <c>error.AlreadyCancelled</c>).</summary>
public sealed class AlreadyCancelled : InvalidOperationException
{
    /// <summary>Creates the error with the default message.</summary>
    public AlreadyCancelled()
        : base("Tried to cancel an already-cancelled event.")
    {
    }

    /// <summary>Creates the error with a message.</summary>
    /// <param name="message">What happened.</param>
    public AlreadyCancelled(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with a message and a cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public AlreadyCancelled(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
