namespace Deferreds;

/// <summary>Thrown by <c>DeferredQueue.Put</c> when the queue already holds its maximum number of pending items.</summary>
public sealed class QueueOverflow : InvalidOperationException
{
    /// <summary>Creates the error with the default message.</summary>
    public QueueOverflow()
        : base("The DeferredQueue is full: no waiter takes the item and the queue is at its size limit.")
    {
    }

    /// <summary>Creates the error with a message.</summary>
    /// <param name="message">What happened.</param>
    public QueueOverflow(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with a message and a cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public QueueOverflow(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
