namespace Deferreds.Tests.Twisted.TestDefer;

/// <summary>Ports of test_defer.py's FirstErrorTests (scenario 75 of the reference).</summary>
public sealed class FirstErrorTests
{
    [Fact]
    [Trait("Twisted", "test_repr")]
    public void Message_NamesIndexAndSubFailure()
    {
        var failure = new Failure(new ArgumentException("some text"));
        var error = new FirstError(failure, 3);
        Assert.Equal($"FirstError[#3, {failure}]", error.Message);
        Assert.Contains("some text", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Twisted", "test_str")]
    public void ToString_IncludesTheSubFailure()
    {
        var failure = new Failure(new ArgumentException("some text"));
        var error = new FirstError(failure, 5);
        Assert.Contains($"FirstError[#5, {failure}]", error.ToString(), StringComparison.Ordinal);
        Assert.Same(failure, error.SubFailure);
        Assert.Equal(5, error.Index);
    }

    [Fact]
    [Trait("Twisted", "test_comparison")]
    public void Equals_SameFailureAndIndexOnly()
    {
        var first = new Failure(new DivideByZeroException());
        var one = new FirstError(first, 13);
        var anotherOne = new FirstError(first, 13);
        var another = new FirstError(new Failure(new ArgumentException("bar")), 9);

        Assert.True(one.Equals(anotherOne));
        Assert.Equal(one.GetHashCode(), anotherOne.GetHashCode());
        Assert.False(one.Equals(another));
        Assert.False(one.Equals(new FirstError(first, 12)));
        Assert.False(one.Equals((object)10));
    }
}
