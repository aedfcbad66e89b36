using System.Globalization;

namespace Deferreds;

/// <summary>
/// The failure of <c>Defer.Race</c> when every input failed: all their failures, ordered by input index
/// (Twisted's <c>defer.FailureGroup</c>).
/// </summary>
public sealed class FailureGroup : Exception
{
    /// <summary>Creates the group from the inputs' failures, in input order.</summary>
    /// <param name="failures">One failure per input.</param>
    /// <exception cref="ArgumentNullException"><paramref name="failures"/> is null.</exception>
    public FailureGroup(IEnumerable<Failure> failures)
        : this(failures?.ToArray() ?? throw new ArgumentNullException(nameof(failures)))
    {
    }

    /// <summary>Creates an empty group.</summary>
    public FailureGroup()
        : this(Array.Empty<Failure>())
    {
    }

    /// <summary>Creates an empty group with a message.</summary>
    /// <param name="message">What happened.</param>
    public FailureGroup(string message)
        : base(message)
    {
        Failures = Array.Empty<Failure>();
    }

    /// <summary>Creates a group of one failure, <paramref name="innerException"/>.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The single failure.</param>
    public FailureGroup(string message, Exception innerException)
        : base(message, innerException)
    {
        Failures = innerException is null ? Array.Empty<Failure>() : new[] { new Failure(innerException) };
    }

    private FailureGroup(Failure[] failures)
        : base(Describe(failures))
    {
        Failures = failures;
    }

    /// <summary>Every input's failure, ordered by input index.</summary>
    public IReadOnlyList<Failure> Failures { get; }

    private static string Describe(Failure[] failures) =>
        string.Create(CultureInfo.InvariantCulture, $"All {failures.Length} Deferreds failed: ") +
        string.Join("; ", failures.Select(f => f.ToString()));
}
