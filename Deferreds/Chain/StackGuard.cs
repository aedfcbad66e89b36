using System.Runtime.CompilerServices;

namespace Deferreds;

/// <summary>
/// <see cref="RuntimeHelpers.EnsureSufficientExecutionStack"/> at a fraction of its cost, for the chain's hot
/// paths: a depth that passed the runtime's check once on this thread passes again without asking the runtime,
/// so only a run that goes deeper than any before it pays for the real check.
/// </summary>
internal static class StackGuard
{
    // The deepest stack address at which the runtime found enough stack on this thread (the stack grows down,
    // so any address at or above it has at least as much). Zero: not checked yet on this thread.
    [ThreadStatic]
    private static nuint t_checkedDownTo;

    /// <exception cref="InsufficientExecutionStackException">Too little stack is left to run more callbacks safely.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Ensure()
    {
        byte marker = 0;
        var here = (nuint)(&marker);
        var checkedDownTo = t_checkedDownTo;
        if (here < checkedDownTo || checkedDownTo == 0)
        {
            CheckDeeper(here);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void CheckDeeper(nuint here)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        t_checkedDownTo = here;
    }
}
