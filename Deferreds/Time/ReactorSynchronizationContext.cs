using System.Runtime.ExceptionServices;

namespace Deferreds;

/// <summary>Installed on a running <see cref="Reactor"/>'s thread so that <c>await</c> in <c>async</c> code resumes there.</summary>
internal sealed class ReactorSynchronizationContext : SynchronizationContext
{
    private readonly Reactor reactor;

    internal ReactorSynchronizationContext(Reactor reactor)
    {
        this.reactor = reactor;
    }

    public override void Post(SendOrPostCallback d, object? state)
    {
        ArgumentNullException.ThrowIfNull(d);
        reactor.Post(d, state);
    }

    public override void Send(SendOrPostCallback d, object? state)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (reactor.IsReactorThread)
        {
            d(state);
            return;
        }
        if (!reactor.Running)
        {
            throw new InvalidOperationException("Send was called on the context of a reactor that is not running; nothing would ever run the callback.");
        }
        using var done = new ManualResetEventSlim();
        ExceptionDispatchInfo? error = null;
        reactor.CallFromThread(() =>
        {
            try
            {
                d(state);
            }
            catch (Exception e)
            {
                error = ExceptionDispatchInfo.Capture(e);
            }
            finally
            {
                done.Set();
            }
        });
        while (!done.Wait(TimeSpan.FromMilliseconds(50)))
        {
            if (!reactor.Running)
            {
                throw new InvalidOperationException("The reactor stopped before it ran the callback given to Send.");
            }
        }
        error?.Throw();
    }

    public override SynchronizationContext CreateCopy() => this;
}
