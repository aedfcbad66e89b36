namespace Deferreds;

/// <summary>Thrown by the framework-neutral test helpers (<see cref="Defer.SuccessResultOf(Deferred)"/> and friends) when the Deferred is not in the expected state.</summary>
public sealed class DeferredAssertionException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public DeferredAssertionException()
        : base("The Deferred is not in the expected state.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was expected and what was found.</param>
    public DeferredAssertionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a cause.</summary>
    /// <param name="message">What was expected and what was found.</param>
    /// <param name="innerException">The cause.</param>
    public DeferredAssertionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
