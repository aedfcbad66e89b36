using System.Runtime.CompilerServices;

namespace Deferreds.CompilerServices;

/// <summary>The box for one async method's state machine type.</summary>
internal sealed class AsyncDeferredBox<T, TStateMachine> : AsyncDeferredBox<T>
    where TStateMachine : IAsyncStateMachine
{
#pragma warning disable CA1051 // the state machine must be a field: it runs in place, by reference
    public TStateMachine StateMachine = default!;
#pragma warning restore CA1051

    protected override void MoveNext()
    {
        StateMachine.MoveNext();
        ReleaseIfCompleted();
    }

    /// <summary>A fired Deferred can live long; do not keep the method's locals alive with it.</summary>
    private void ReleaseIfCompleted()
    {
        if (Completed)
        {
            StateMachine = default!;
        }
    }
}
