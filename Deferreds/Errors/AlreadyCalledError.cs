namespace Deferreds;

/// <summary>
/// Thrown by <see cref="Deferred.Callback(object?)"/> or <see cref="Deferred.Errback(Exception)"/> on a
/// Deferred that has already fired. With <see cref="Defer.Debugging"/> on, the message carries where the
/// Deferred was created (<c> C:</c> lines) and who fired it first (<c> I:</c> lines).
/// </summary>
public sealed class AlreadyCalledError : InvalidOperationException
{
    /// <summary>Creates the error with the default message.</summary>
    public AlreadyCalledError()
        : base(DefaultMessage)
    {
    }

    /// <summary>Creates the error with a message.</summary>
    /// <param name="message">What happened.</param>
    public AlreadyCalledError(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with a message and a cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public AlreadyCalledError(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal const string DefaultMessage =
        "The Deferred has already been fired: Callback or Errback may be called only once per Deferred. " +
        "Set Defer.Debugging = true to see where it was created and first fired.";
}
