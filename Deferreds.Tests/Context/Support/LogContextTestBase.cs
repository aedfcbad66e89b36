using Deferreds.Context;

namespace Deferreds.Tests.Context.Support;

/// <summary>
/// Synapse's test harness for log contexts: every test starts and must end in the sentinel, and runs
/// "logcontext clean" (misuse throws) unless it says otherwise; warnings are captured in <see cref="Log"/>.
/// </summary>
[Collection("Global state")]
public abstract class LogContextTestBase : IDisposable
{
    private protected LogContextTestBase(bool strict = true)
    {
        LogContext.AssertSentinel();
        LogContext.Strict = strict;
        LogContext.Logger = Log;
        LogContext.CpuTimeSource = null;
    }

    private protected CapturingLogger Log { get; } = new();

    private protected FakeClock Reactor { get; } = new();

    /// <summary>Synapse's "check X": the current context's name.</summary>
    protected static void Check(string expected) => Assert.Equal(expected, LogContext.Current.ToString());

    /// <summary>Synapse's <c>Clock.sleep</c>: always yields; clears the context meanwhile and restores it on wake-up.</summary>
    private protected Deferred Sleep(double seconds)
    {
        var wake = new Deferred();
        Reactor.CallLater(seconds, () => wake.Callback(null));
        return LogContext.MakeDeferredYieldable(wake);
    }

    /// <summary>Runs an async test body from the sentinel and drives the reactor (advancing by <paramref name="step"/>) until it finishes.</summary>
    private protected void Run(Func<Task> body, double step = 0)
    {
        var task = body();
        Check("sentinel");
        for (var i = 0; i < 100 && !task.IsCompleted; i++)
        {
            Reactor.Advance(step);
            Check("sentinel");
        }
        Assert.True(task.IsCompleted, "The test body never finished: something it awaited never fired.");
        task.GetAwaiter().GetResult();
    }

    public virtual void Dispose()
    {
        LogContext.Strict = false;
        LogContext.Logger = null;
        LogContext.CpuTimeSource = null;
        GC.SuppressFinalize(this);
        LogContext.AssertSentinel();
    }
}
