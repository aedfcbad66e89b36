namespace Deferreds.Tests.Twisted.TestInlineCb;

/// <summary>
/// Ports of test_inlinecb.py's CancellationTests, with an <c>async Deferred&lt;int&gt;</c> method as G.
/// G is a method, D the Deferred it returns, C the Deferred it awaits.
/// </summary>
public sealed class CancellationTests : IDisposable
{
    private readonly Queue<Deferred> _outstanding = new();

    public void Dispose()
    {
        while (_outstanding.Count > 0)
        {
            DeferredGotten();
        }
    }

    [Fact]
    [Trait("Twisted", "test_cascadeCancellingOnCancel")]
    public void Cancel_WhileGAwaitsC_CancelsCImmediately()
    {
        Type? childResult = null;
        var d = SampleInlineCb(() =>
        {
            var c = new Deferred();
            c.AddErrback(f =>
            {
                childResult = f.Check(typeof(CancelledError));
                return f;
            });
            return c;
        });
        ((Deferred)d).AddErrback(_ => null);

        d.Cancel();

        Assert.Equal(typeof(CancelledError), childResult);
    }

    [Fact]
    [Trait("Twisted", "test_errbackCancelledErrorOnCancel")]
    public void Cancel_Uncaught_DFailsWithCancelledError()
    {
        var d = SampleInlineCb();

        d.Cancel();

        Assert.Throws<CancelledError>(() => Defer.FailureResultOf(d).RaiseException());
    }

    [Fact]
    [Trait("Twisted", "test_errorToErrorTranslation")]
    public void Cancel_CancellerErrbacksAndGTranslates_DFailsWithTheTranslatedError()
    {
        var c = new Deferred(it => it.Errback(new UntranslatedError()));
        var d = SampleInlineCb(() => c);

        d.Cancel();

        Assert.Throws<TranslatedError>(() => Defer.FailureResultOf(d).RaiseException());
    }

    [Fact]
    [Trait("Twisted", "test_errorToSuccessTranslation")]
    public void Cancel_CancellerErrbacksAndGRecovers_DSucceeds()
    {
        var c = new Deferred(it => it.Errback(new DontFail(4321)));
        var d = SampleInlineCb(() => c);
        var results = new List<object?>();
        d.AddCallback(r =>
        {
            results.Add(r);
            return r;
        });

        d.Cancel();

        Assert.Equal([4320], results);
    }

    [Fact]
    [Trait("Twisted", "test_asynchronousCancellation")]
    public void Cancel_CErrbackReturnsUnfiredDeferred_DWaitsForIt()
    {
        var more = new Deferred();
        var d = SampleInlineCb(() =>
        {
            var c = new Deferred();
            c.AddErrback(f =>
            {
                f.Trap(typeof(CancelledError));
                return more;
            });
            return c;
        });

        d.Cancel();
        Defer.AssertNoResult(d);
        more.Callback(6543);

        Assert.Equal(6544, Defer.SuccessResultOf(d));
    }

    private async Deferred<int> SampleInlineCb(Func<Deferred>? getChildDeferred = null)
    {
        getChildDeferred ??= GetDeferred;
        int x;
        try
        {
            x = (int)(await getChildDeferred())!;
        }
        catch (UntranslatedError)
        {
            throw new TranslatedError();
        }
        catch (DontFail df)
        {
            x = df.ActualValue - 2;
        }
        return x + 1;
    }

    private Deferred GetDeferred()
    {
        var d = new Deferred();
        _outstanding.Enqueue(d);
        return d;
    }

    private void DeferredGotten(object? result = null) => _outstanding.Dequeue().Callback(result);

    private sealed class UntranslatedError : Exception;

    private sealed class TranslatedError : Exception;

    private sealed class DontFail(int actual) : Exception
    {
        public int ActualValue { get; } = actual;
    }
}
