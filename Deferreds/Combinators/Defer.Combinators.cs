namespace Deferreds;

/// <summary>Twisted's <c>gatherResults</c> and <c>race</c>.</summary>
public static partial class Defer
{
    /// <summary>
    /// A Deferred for all of <paramref name="deferreds"/> (Twisted's <c>gatherResults</c>): it fires with their values
    /// in input order once every one has succeeded, or fails with a <see cref="FirstError"/> (the failure and index of
    /// the first member to fail) as soon as one fails. An empty input gives an empty list at once.
    /// Cancelling it cancels every member.
    /// </summary>
    /// <param name="deferreds">The members (copied first).</param>
    /// <param name="consumeErrors">
    /// Turn each member's failure into null for that member's later callbacks. Without it, a failed member keeps its
    /// failure and, if nothing else handles it, it is reported through <see cref="UnhandledError"/> when collected.
    /// </param>
    /// <returns>The gathering Deferred.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="deferreds"/> is null.</exception>
    /// <exception cref="ArgumentException">A member is null.</exception>
    public static Deferred<IReadOnlyList<object?>> GatherResults(IEnumerable<Deferred> deferreds, bool consumeErrors = false) =>
        new GatherState<object?>(MemberInvoker.Copy(deferreds, nameof(deferreds)), consumeErrors).Result;

    /// <summary>
    /// The typed <see cref="GatherResults(IEnumerable{Deferred}, bool)"/>: fires with the members' values in input
    /// order, or fails with a <see cref="FirstError"/> at the first failure. Cancelling it cancels every member.
    /// </summary>
    /// <typeparam name="T">The members' result type.</typeparam>
    /// <param name="deferreds">The members (copied first).</param>
    /// <param name="consumeErrors">Turn each member's failure into null for that member's later callbacks.</param>
    /// <returns>The gathering Deferred.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="deferreds"/> is null.</exception>
    /// <exception cref="ArgumentException">A member is null.</exception>
    public static Deferred<IReadOnlyList<T>> GatherResults<T>(IEnumerable<Deferred<T>> deferreds, bool consumeErrors = false) =>
        new GatherState<T>(MemberInvoker.Copy(deferreds, nameof(deferreds)), consumeErrors).Result;

    /// <summary>
    /// The first of <paramref name="deferreds"/> to succeed (Twisted's <c>race</c>, 23.8): fires with its index and
    /// value, after cancelling every other input. If every input fails, it fails with a <see cref="FailureGroup"/>
    /// holding all their failures in input order. Every input's result is consumed (its later callbacks see null).
    /// An empty input never fires. Cancelling the race cancels every input.
    /// </summary>
    /// <param name="deferreds">The inputs (copied first).</param>
    /// <returns>A Deferred for <c>(Index, Result)</c> of the winner.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="deferreds"/> is null.</exception>
    /// <exception cref="ArgumentException">An input is null.</exception>
    public static Deferred<(int Index, object? Result)> Race(IEnumerable<Deferred> deferreds) =>
        new RaceState<object?>(MemberInvoker.Copy(deferreds, nameof(deferreds))).Result;

    /// <summary>The typed <see cref="Race(IEnumerable{Deferred})"/>: the first input to succeed, with its index; the others are cancelled.</summary>
    /// <typeparam name="T">The inputs' result type.</typeparam>
    /// <param name="deferreds">The inputs (copied first).</param>
    /// <returns>A Deferred for <c>(Index, Result)</c> of the winner, or failing with <see cref="FailureGroup"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="deferreds"/> is null.</exception>
    /// <exception cref="ArgumentException">An input is null.</exception>
    public static Deferred<(int Index, T Result)> Race<T>(IEnumerable<Deferred<T>> deferreds) =>
        new RaceState<T>(MemberInvoker.Copy(deferreds, nameof(deferreds))).Result;
}
