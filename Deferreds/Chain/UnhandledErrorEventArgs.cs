namespace Deferreds;

/// <summary>Describes a Failure left unhandled on a Deferred that was garbage-collected (see <see cref="Defer.UnhandledError"/>).</summary>
public sealed class UnhandledErrorEventArgs : EventArgs
{
    /// <summary>Creates the arguments.</summary>
    /// <param name="failure">The unhandled failure.</param>
    /// <param name="debugInfo">Where the Deferred was created and first fired, if <see cref="Defer.Debugging"/> was on.</param>
    /// <exception cref="ArgumentNullException"><paramref name="failure"/> is null.</exception>
    public UnhandledErrorEventArgs(Failure failure, string? debugInfo)
    {
        ArgumentNullException.ThrowIfNull(failure);
        Failure = failure;
        DebugInfo = debugInfo;
    }

    /// <summary>The failure nobody handled.</summary>
    public Failure Failure { get; }

    /// <summary>The creation (<c> C:</c>) and first-fire (<c> I:</c>) stacks, when recorded; otherwise null.</summary>
    public string? DebugInfo { get; }
}
