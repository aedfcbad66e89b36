namespace Deferreds.Tests.Async;

/// <summary>
/// The behaviour every flavour of Deferred shares (System.Threading.Channels style: one abstract suite, run
/// against a plain <see cref="Deferred"/>, a <see cref="Deferred{T}"/>, and the Deferred of an
/// <c>async Deferred&lt;T&gt;</c> method). Each flavour supplies the Deferred under test and how its producer
/// fires it.
/// </summary>
public abstract class DeferredBehaviourTests
{
    private const int Value = 42;

    [Fact]
    public void Callback_Value_TakesTheCallbackPath()
    {
        var subject = Create();
        var path = new List<string>();
        subject.Deferred.AddCallbacks(r => { path.Add($"callback {r}"); return r; }, f => { path.Add("errback"); return f; });

        subject.Succeed(Value);

        Assert.Equal(["callback 42"], path);
    }

    [Fact]
    public void Errback_Exception_TakesTheErrbackPathWithTheSameException()
    {
        var subject = Create();
        var error = new TimeoutException("late");
        Exception? seen = null;
        subject.Deferred.AddCallbacks(r => throw new InvalidOperationException("callback path"), f => { seen = f.Value; return null; });

        subject.Fail(error);

        Assert.Same(error, seen);
        Assert.Null(subject.Deferred.Result);
    }

    [Fact]
    public void AddCallback_Chain_EachResultIsTheNextInput()
    {
        var subject = Create();
        subject.Deferred.AddCallback(r => (int)r! + 1).AddCallback(r => (int)r! * 2);

        subject.Succeed(Value);

        Assert.Equal((Value + 1) * 2, Defer.SuccessResultOf(subject.Deferred));
    }

    [Fact]
    public void CallbackThrows_ChainMovesToErrbackPathThenErrbackRecovers()
    {
        var subject = Create();
        var path = new List<string>();
        subject.Deferred
            .AddCallback(_ => throw new ArithmeticException())
            .AddCallback(r => { path.Add("skipped callback"); return r; })
            .AddErrback(f => { path.Add($"errback {f.Type.Name}"); return "recovered"; })
            .AddCallback(r => { path.Add($"callback {r}"); return r; });

        subject.Succeed(Value);

        Assert.Equal(["errback ArithmeticException", "callback recovered"], path);
    }

    [Fact]
    public void AddCallback_AfterFiring_RunsAtOnce()
    {
        var subject = Create();
        subject.Succeed(Value);
        object? seen = null;

        subject.Deferred.AddCallback(r => seen = r);

        Assert.Equal(Value, seen);
    }

    [Fact]
    public void Pause_BeforeFiring_HoldsCallbacksUntilUnpause()
    {
        var subject = Create();
        var seen = new List<object?>();
        subject.Deferred.AddCallback(r => { seen.Add(r); return r; });
        subject.Deferred.Pause();

        subject.Succeed(Value);
        Assert.Empty(seen);
        Assert.True(subject.Deferred.Called);
        Assert.True(subject.Deferred.Paused);

        subject.Deferred.Unpause();
        Assert.Equal([Value], seen);
        Assert.False(subject.Deferred.Paused);
    }

    [Fact]
    public void Cancel_Unfired_FailsWithCancelledError()
    {
        var subject = Create();

        subject.Deferred.Cancel();

        Defer.FailureResultOf(subject.Deferred, typeof(CancelledError));
    }

    [Fact]
    public void Cancel_AfterFiring_ChangesNothing()
    {
        var subject = Create();
        subject.Succeed(Value);

        subject.Deferred.Cancel();

        Assert.Equal(Value, Defer.SuccessResultOf(subject.Deferred));
    }

    [Fact]
    public async Task Await_Unfired_ResumesWithTheValueAndConsumesIt()
    {
        var subject = Create();
        var task = AwaitIt(subject.Deferred);
        Assert.False(task.IsCompleted);

        subject.Succeed(Value);

        Assert.True(task.IsCompletedSuccessfully); // resumed inside the producer's Callback
        Assert.Equal(Value, await task);
        Assert.Null(subject.Deferred.Result);
    }

    [Fact]
    public async Task Await_AlreadyFired_KeepsTheResult()
    {
        var subject = Create();
        subject.Succeed(Value);

        var task = AwaitIt(subject.Deferred);

        Assert.True(task.IsCompletedSuccessfully);
        Assert.Equal(Value, await task);
        Assert.Equal(Value, subject.Deferred.Result);
    }

    [Fact]
    public async Task Await_Failure_ThrowsTheOriginalException()
    {
        var subject = Create();
        var task = AwaitIt(subject.Deferred);
        var error = new TimeoutException();

        subject.Fail(error);

        Assert.Same(error, await Assert.ThrowsAsync<TimeoutException>(() => task));
    }

    protected abstract Subject Create();

    private static async Task<object?> AwaitIt(Deferred deferred) => await deferred;

    /// <summary>A Deferred under test and the producer's way to fire it.</summary>
    protected sealed record Subject(Deferred Deferred, Action<int> Succeed, Action<Exception> Fail);
}

public sealed class PlainDeferredBehaviourTests : DeferredBehaviourTests
{
    protected override Subject Create()
    {
        var d = new Deferred();
        return new Subject(d, v => d.Callback(v), e => d.Errback(e));
    }
}

public sealed class TypedDeferredBehaviourTests : DeferredBehaviourTests
{
    protected override Subject Create()
    {
        var d = new Deferred<int>();
        return new Subject(d, d.Callback, e => d.Errback(e));
    }
}

public sealed class AsyncMethodDeferredBehaviourTests : DeferredBehaviourTests
{
    protected override Subject Create()
    {
        var source = new Deferred<int>();
        return new Subject(Relay(source), source.Callback, e => source.Errback(e));
    }

    private static async Deferred<int> Relay(Deferred<int> source) => await source;
}
