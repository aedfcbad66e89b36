using Deferreds.Context;
using Deferreds.Tests.Context.Support;

namespace Deferreds.Tests.Synapse.Support;

/// <summary>
/// The log-context behaviour of Synapse's <c>synapse.util.clock.Clock</c>, written over the public
/// Deferreds.Context API: timer callbacks assert they start in the sentinel, then run in a fresh, never
/// finished context (<c>call_later</c> / <c>looping_call</c>) through <c>RunInBackground</c>.
/// </summary>
internal sealed class SynapseClock(FakeClock reactor, string serverName = "test_server")
{
    public void CallLater(double seconds, Func<object?> callback) => reactor.CallLater(seconds, () =>
    {
        AssertSentinel("call_later");
        var context = new LoggingContext("call_later", serverName: serverName);
        using (new PreserveLoggingContext(context))
        {
            LogContext.RunInBackground(callback);
        }
    });

    public SynapseLoopingCall LoopingCall(Func<object?> f, double interval) => StartLoopingCall(f, interval, now: false);

    public SynapseLoopingCall LoopingCallNow(Func<object?> f, double interval) => StartLoopingCall(f, interval, now: true);

    private SynapseLoopingCall StartLoopingCall(Func<object?> f, double interval, bool now)
    {
        var loop = new SynapseLoopingCall();
        void Tick()
        {
            loop.Pending = null;
            AssertSentinel("looping_call");
            var context = new LoggingContext("looping_call", serverName: serverName);
            Deferred done;
            using (new PreserveLoggingContext(context))
            {
                done = LogContext.RunInBackground(f);
            }
            done.AddBoth(result =>
            {
                if (loop.Running)
                {
                    loop.Pending = reactor.CallLater(interval, Tick);
                }
                return null;
            });
        }
        using (new PreserveLoggingContext())
        {
            if (now)
            {
                Tick();
            }
            else
            {
                loop.Pending = reactor.CallLater(interval, Tick);
            }
        }
        return loop;
    }

    private static void AssertSentinel(string kind)
    {
        if (!LogContext.Current.IsSentinel)
        {
            throw new InvalidOperationException(
                $"Expected `{kind}` callback from the reactor to start with the sentinel logcontext but saw {LogContext.Current}. " +
                "In other words, another task shouldn't have leaked their logcontext to us.");
        }
    }
}

internal sealed class SynapseLoopingCall
{
    public bool Running { get; private set; } = true;

    public FakeClock.Call? Pending { get; set; }

    public void Stop()
    {
        Running = false;
        Pending?.Cancel();
        Pending = null;
    }
}
