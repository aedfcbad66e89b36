namespace Deferreds;

/// <summary>Thrown when cancelling, resetting or delaying a delayed call that has already run (Twisted's <c>error.AlreadyCalled</c>).</summary>
public sealed class AlreadyCalled : InvalidOperationException
{
    /// <summary>Creates the error with the default message.</summary>
    public AlreadyCalled()
        : base("Tried to cancel an already-called event.")
    {
    }

    /// <summary>Creates the error with a message.</summary>
    /// <param name="message">What happened.</param>
    public AlreadyCalled(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with a message and a cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public AlreadyCalled(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
