using System.Globalization;

namespace Deferreds;

/// <summary>
/// The failure of a <c>DeferredList</c> with <c>fireOnOneErrback</c> (and so of <c>GatherResults</c>):
/// the first member to fail, and its position in the input (Twisted's <c>defer.FirstError</c>).
/// Two FirstErrors are equal when they carry the same Failure and index.
/// </summary>
public sealed class FirstError : Exception, IEquatable<FirstError>
{
    /// <summary>Creates the error for member <paramref name="index"/>, which failed with <paramref name="subFailure"/>.</summary>
    /// <param name="subFailure">The member's failure.</param>
    /// <param name="index">The member's position in the input.</param>
    /// <exception cref="ArgumentNullException"><paramref name="subFailure"/> is null.</exception>
    public FirstError(Failure subFailure, int index)
        : base(Describe(subFailure, index), subFailure?.Value)
    {
        SubFailure = subFailure!;
        Index = index;
    }

    /// <summary>Creates the error with a message (no member attached); prefer <see cref="FirstError(Failure, int)"/>.</summary>
    public FirstError()
        : this(new Failure(new InvalidOperationException("unknown member failure")), -1)
    {
    }

    /// <summary>Creates the error with a message (no member attached); prefer <see cref="FirstError(Failure, int)"/>.</summary>
    /// <param name="message">What happened.</param>
    public FirstError(string message)
        : this(message, new InvalidOperationException(message))
    {
    }

    /// <summary>Creates the error with a message and the member's exception; the index is -1 (unknown).</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The member's exception.</param>
    public FirstError(string message, Exception innerException)
        : base(message, innerException)
    {
        SubFailure = new Failure(innerException);
        Index = -1;
    }

    /// <summary>The failure of the member that failed first.</summary>
    public Failure SubFailure { get; }

    /// <summary>The position of that member in the input.</summary>
    public int Index { get; }

    /// <inheritdoc />
    public bool Equals(FirstError? other) =>
        other is not null && Index == other.Index && ReferenceEquals(SubFailure, other.SubFailure);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is FirstError other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Index, SubFailure);

    private static string Describe(Failure subFailure, int index)
    {
        ArgumentNullException.ThrowIfNull(subFailure);
        return string.Create(CultureInfo.InvariantCulture, $"FirstError[#{index}, {subFailure}]");
    }
}
