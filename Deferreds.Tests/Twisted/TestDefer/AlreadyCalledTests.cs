namespace Deferreds.Tests.Twisted.TestDefer;

/// <summary>Ports of test_defer.py's AlreadyCalledTests, repr and debugging cases.</summary>
[Collection("Global state")]
public sealed class AlreadyCalledTests : IDisposable
{
    private readonly bool _debugging = Defer.Debugging;

    public void Dispose() => Defer.Debugging = _debugging;

    public static TheoryData<bool, bool> FireCombinations => new()
    {
        { true, true }, { true, false }, { false, true }, { false, false },
    };

    private static void Fire(Deferred d, bool callback)
    {
        if (callback)
        {
            d.Callback(1);
        }
        else
        {
            d.Errback(new InvalidOperationException("x"));
        }
    }

    [Theory]
    [MemberData(nameof(FireCombinations))]
    [Trait("Twisted", "testAlreadyCalled_CC")]
    public void Fire_Twice_ThrowsAlreadyCalledErrorAndKeepsState(bool first, bool second)
    {
        Defer.Debugging = false;
        var d = new Deferred();
        d.AddErrback(_ => null);
        Fire(d, first);
        var before = d.Result;
        var error = Assert.Throws<AlreadyCalledError>(() => Fire(d, second));
        Assert.IsAssignableFrom<InvalidOperationException>(error);
        Assert.DoesNotContain(" C:", error.Message, StringComparison.Ordinal);
        Assert.Same(before, d.Result);
    }

    [Fact]
    [Trait("Twisted", "testAlreadyCalledDebug_CC")]
    public void Fire_TwiceWithDebugging_MessageNamesCreatorAndFirstInvokerOnly()
    {
        Defer.Debugging = true;
        var d = CreateTheDeferred();
        FirstFire(d);
        var error = Assert.Throws<AlreadyCalledError>(() => SecondFire(d));
        var lines = error.Message.Split('\n');
        Assert.Single(lines, l => l.StartsWith(" C:", StringComparison.Ordinal) && l.Contains(nameof(CreateTheDeferred), StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith(" I:", StringComparison.Ordinal) && l.Contains(nameof(FirstFire), StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(nameof(SecondFire), StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith(" C:", StringComparison.Ordinal) && l.Contains(nameof(FirstFire), StringComparison.Ordinal));
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static Deferred CreateTheDeferred() => new();

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void FirstFire(Deferred d) => d.Callback(1);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void SecondFire(Deferred d) => d.Callback(2);

    [Fact]
    [Trait("Twisted", "testSwitchDebugging")]
    public void Debugging_SwitchedBetweenCreateAndFire_NoError()
    {
        Defer.Debugging = false;
        var d = new Deferred();
        Defer.Debugging = true;
        d.Callback(1);
        Defer.Debugging = true;
        var e = new Deferred();
        Defer.Debugging = false;
        e.Callback(1);
        Assert.Equal(1, Defer.SuccessResultOf(d));
        Assert.Equal(1, Defer.SuccessResultOf(e));
    }

    [Fact]
    [Trait("Twisted", "test_repr")]
    public void ToString_Unfired_ShowsAddressOnly()
    {
        Assert.Matches(@"^<Deferred at 0x[0-9a-f]+>$", new Deferred().ToString());
    }

    [Fact]
    [Trait("Twisted", "test_reprWithResult")]
    public void ToString_Fired_ShowsCurrentResult()
    {
        var d = new Deferred();
        d.Callback("orange");
        Assert.Matches("^<Deferred at 0x[0-9a-f]+ current result: \"orange\">$", d.ToString());
        Assert.EndsWith("current result: 42>", Defer.Succeed(42).ToString(), StringComparison.Ordinal);
        Assert.EndsWith("current result: null>", Defer.Succeed(null).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Twisted", "test_reprWithChaining")]
    public void ToString_ChainDeferredTarget_ShowsWaitingOnSource()
    {
        var a = new Deferred();
        var b = new Deferred();
        b.ChainDeferred(a);
        static string Address(Deferred x) => System.Text.RegularExpressions.Regex.Match(x.ToString(), "0x[0-9a-f]+").Value;
        Assert.Equal($"<Deferred at {Address(a)} waiting on Deferred at {Address(b)}>", a.ToString());
    }
}
