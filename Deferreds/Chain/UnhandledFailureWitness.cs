namespace Deferreds;

/// <summary>
/// Created only when a chain ends on a Failure, so Deferreds that never fail carry no finalizer. It holds
/// the Failure but not the Deferred: when the Deferred is collected, so is the witness, and its finalizer
/// reports a Failure that nobody handled (Twisted's "Unhandled error in Deferred" at garbage collection).
/// </summary>
internal sealed class UnhandledFailureWitness(DebugInfo? debugInfo)
{
    private Failure? _failure;

    ~UnhandledFailureWitness()
    {
        if (_failure is { } failure)
        {
            Defer.ReportUnhandled(failure, debugInfo is { HasStacks: true } ? debugInfo.Describe() : null);
        }
    }

    public void Set(Failure failure) => _failure = failure;

    public void Clear() => _failure = null;
}
