using System.Runtime.CompilerServices;
using Deferreds;
using Deferreds.Context;
using LogContextRules.Support;

namespace LogContextRules.Sections;

/// <summary>
/// The seed's last section: in Python a garbage-collected coroutine runs its <c>with</c> exits at collection
/// time and can set a context behind everyone's back. In C# an abandoned async method is never resumed:
/// nothing runs when it is collected, so nothing leaks (and its context is simply never finished).
/// </summary>
internal static class AbandonedChain
{
    public static void Run()
    {
        var (chain, context) = StartAndAbandon();
        for (var i = 0; i < 3 && chain.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        Log.Debug($"chain collected: {!chain.IsAlive}, its context finished: {context.Finished}");
        Log.Expect("waiting forever @ request-1", "chain collected: True, its context finished: False @ sentinel");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static (WeakReference Chain, LoggingContext Context) StartAndAbandon()
    {
        var context = new LoggingContext("request-1");
        var never = new Deferred();
        var request = WaitForever(context, never);
        return (new WeakReference(request), context);
    }

    static async Deferred WaitForever(LoggingContext context, Deferred never)
    {
        using (context.Enter())
        {
            Log.Debug("waiting forever");
            await LogContext.MakeDeferredYieldable(never);   // nobody will ever fire it
        }
    }
}
