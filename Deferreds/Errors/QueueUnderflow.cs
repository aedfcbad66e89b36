namespace Deferreds;

/// <summary>Thrown by <c>DeferredQueue.Get</c> when the queue is empty and its backlog of waiting getters is full.</summary>
public sealed class QueueUnderflow : InvalidOperationException
{
    /// <summary>Creates the error with the default message.</summary>
    public QueueUnderflow()
        : base("The DeferredQueue is empty and its backlog of waiting Get calls is at its limit.")
    {
    }

    /// <summary>Creates the error with a message.</summary>
    /// <param name="message">What happened.</param>
    public QueueUnderflow(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with a message and a cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public QueueUnderflow(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
