namespace Deferreds.Tests.Chain;

/// <summary>
/// An entry is either a plain callback/errback pair or a function with the invoker that runs it; each kind must
/// take exactly its own path, whatever delegate types the caller's variance allowed.
/// </summary>
public sealed class EntryKindTests
{
    [Fact]
    public void VariantDelegates_PassedAsPlainCallbackAndErrback_RunOnTheirPaths()
    {
        Func<object?, string> toText = r => "value " + r;
        Func<Failure, string> describe = f => "failure " + f.Value.Message;

        var succeeded = new Deferred();
        succeeded.AddCallbacks(toText, describe);
        succeeded.Callback(1);
        Assert.Equal("value 1", succeeded.Result);

        var failed = new Deferred();
        failed.AddCallbacks(toText, describe);
        failed.Errback(new InvalidOperationException("x"));
        Assert.Equal("failure x", failed.Result);

        var onlyErrback = Defer.Succeed(2);
        onlyErrback.AddErrback(describe);
        Assert.Equal(2, onlyErrback.Result);
    }

    [Fact]
    public void TypedCallbackAndErrback_EachPassTheOtherPathOnUnchanged()
    {
        var failure = new Failure(new InvalidOperationException("kept"));
        var typedCallbackSkipped = new Deferred<int>();
        var mapped = typedCallbackSkipped.AddCallback(v => v * 2);
        typedCallbackSkipped.Errback(failure);
        Assert.Same(failure, Defer.FailureResultOf(mapped));

        var typedErrbackSkipped = new Deferred<int>();
        typedErrbackSkipped.AddErrback(_ => -1);
        typedErrbackSkipped.Callback(5);
        Assert.Equal(5, Defer.SuccessResultOf(typedErrbackSkipped));
    }

    [Fact]
    public void TypedPair_RunsExactlyOneSide()
    {
        var calls = new List<string>();
        var ok = new Deferred<int>();
        var okText = ok.AddCallbacks(v => { calls.Add("callback"); return "v" + v; }, f => { calls.Add("errback"); return "f"; });
        ok.Callback(3);
        Assert.Equal("v3", Defer.SuccessResultOf(okText));

        var bad = new Deferred<int>();
        var badText = bad.AddCallbacks(v => { calls.Add("callback"); return "v" + v; }, f => { calls.Add("errback"); return "f"; });
        bad.Errback(new InvalidOperationException());
        Assert.Equal("f", Defer.SuccessResultOf(badText));
        Assert.Equal(["callback", "errback"], calls);
    }
}
