using System.Runtime.CompilerServices;

namespace Deferreds.Tests.Chain;

public sealed class FailureTests
{
    private sealed class SpecificError(string message) : InvalidOperationException(message);

    [Fact]
    public void Trap_NoMatch_RethrowsTheSameExceptionObjectIntoTheNextErrback()
    {
        var error = new FormatException("original");
        var d = Defer.Fail(error);
        Failure? next = null;
        d.AddErrback(f => f.Trap(typeof(ArgumentException)));
        d.AddErrback(f => { next = f; return null; });
        Assert.NotNull(next);
        Assert.Same(error, next!.Value);
        Assert.Equal(typeof(FormatException), next.Type);
    }

    [Fact]
    public void Trap_Match_ReturnsTheMatchingTypeFirstListedWins()
    {
        var failure = new Failure(new SpecificError("x"));
        Assert.Equal(typeof(InvalidOperationException), failure.Trap(typeof(InvalidOperationException), typeof(SpecificError)));
        Assert.Same(failure.Value, failure.Trap<SpecificError>());
    }

    [Fact]
    public void Check_ReturnsMatchOrNull()
    {
        var failure = new Failure(new SpecificError("x"));
        Assert.Null(failure.Check(typeof(FormatException)));
        Assert.Equal(typeof(SpecificError), failure.Check(typeof(FormatException), typeof(SpecificError)));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowFromHere() => throw new SpecificError("deep");

    [Fact]
    public void RaiseException_KeepsTheOriginalStackTrace()
    {
        var d = new Deferred();
        d.AddCallback(_ =>
        {
            ThrowFromHere();
            return null;
        });
        d.Callback(null);
        var failure = Defer.FailureResultOf(d);
        var e = Assert.Throws<SpecificError>(failure.RaiseException);
        Assert.Same(failure.Value, e);
        Assert.Contains(nameof(ThrowFromHere), e.StackTrace, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_MessageTracebackAndToString()
    {
        var failure = new Failure(new SpecificError("boom"));
        Assert.Equal("boom", failure.GetErrorMessage());
        Assert.StartsWith("Traceback (most recent call last):", failure.GetTraceback(), StringComparison.Ordinal);
        Assert.Contains("boom", failure.GetTraceback(), StringComparison.Ordinal);
        Assert.Equal($"<Failure {typeof(SpecificError).FullName}: boom>", failure.ToString());
    }

    [Fact]
    public void Constructor_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new Failure(null!));
    }

    [Fact]
    public void ErrorTypes_DeriveFromWhatDotNetUsersCatch()
    {
        Assert.IsAssignableFrom<InvalidOperationException>(new AlreadyCalledError());
        Assert.IsAssignableFrom<OperationCanceledException>(new CancelledError());
        Assert.IsAssignableFrom<TimeoutException>(new TimeoutError(TimeSpan.FromSeconds(10), "Deferred"));
        Assert.IsAssignableFrom<InvalidOperationException>(new QueueOverflow());
        Assert.IsAssignableFrom<InvalidOperationException>(new QueueUnderflow());
        Assert.IsAssignableFrom<InvalidOperationException>(new AlreadyCalled());
        Assert.IsAssignableFrom<InvalidOperationException>(new AlreadyCancelled());
        Assert.Equal("Tried to cancel an already-called event.", new AlreadyCalled().Message);
        Assert.Equal("Tried to cancel an already-cancelled event.", new AlreadyCancelled().Message);
        Assert.Equal("Deferred timed out after 10 seconds.", new TimeoutError(TimeSpan.FromSeconds(10), "Deferred").Message);
    }
}
