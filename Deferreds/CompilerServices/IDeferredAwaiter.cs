using System.Runtime.CompilerServices;

namespace Deferreds.CompilerServices;

/// <summary>
/// Marks the awaiters of Deferreds. Each is a struct whose only field is the awaited <see cref="Deferred"/>,
/// so a builder can read it through <see cref="Unsafe.As{TFrom, TTo}(ref TFrom)"/> without boxing the awaiter
/// and register its state machine box directly (no delegate per await).
/// </summary>
#pragma warning disable CA1040 // a marker: the builders test for it by type, then read the single field
internal interface IDeferredAwaiter
{
}
#pragma warning restore CA1040
