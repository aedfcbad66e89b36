namespace Deferreds.Tests;

/// <summary>
/// Tests that change process-wide state (Defer.Debugging, Defer.UnhandledError subscribers,
/// LogContext.Strict/Logger, forced garbage collection) run in this collection, one at a time.
/// </summary>
[CollectionDefinition("Global state", DisableParallelization = true)]
public sealed class GlobalStateCollection
{
}
