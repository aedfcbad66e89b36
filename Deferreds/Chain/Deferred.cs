using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Deferreds;

/// <summary>
/// Twisted's <c>Deferred</c>: a result that is not there yet, and the chain of callbacks and errbacks
/// that will process it. Firing it (<see cref="Callback(object?)"/> / <see cref="Errback(Exception)"/>) runs
/// the chain synchronously; each step's return value is the next step's input, and a <see cref="Failure"/>
/// as the current result puts the chain on the errback path. A callback that returns another Deferred
/// pauses this chain until that one fires and adopts its result.
/// </summary>
/// <remarks>
/// This file is the whole chain engine: the callback list, the run loop (a trampoline over an explicit
/// stack, so nesting depth never grows the call stack), chaining, pause and cancel. Everything else —
/// typed handles, awaiting, combinators, time, log contexts — is built from its operations.
/// A Deferred is not thread-safe: like Twisted's, it belongs to one thread (the reactor's).
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
public partial class Deferred
{
    // The callback list: a FIFO queue. Its oldest entry lives inline when the queue was empty on Append,
    // so a Deferred with one pending callback at a time (an awaiter, a list member) allocates no array.
    private Entry _inline;
    private Entry[]? _entries;
    private int _head;
    private int _tail;
    private object? _result;
    private int _paused;
    private State _state;

    // One field for what most Deferreds never need, so every Deferred is 16 bytes smaller. On a chain's root:
    // the canceller, or a DebugInfo (which then holds the canceller). On a typed handle (a Deferred<T> from a
    // type-changing AddCallback, marked IsHandle): the root, to which the handle forwards everything.
    private object? _extra;

    /// <summary>Creates an unfired Deferred.</summary>
    /// <param name="canceller">
    /// Called with this Deferred by <see cref="Cancel"/> while it is unfired; it should stop the
    /// underlying work and may fire the Deferred itself. If it does not, the Deferred fails with
    /// <see cref="CancelledError"/>.
    /// </param>
    public Deferred(Action<Deferred>? canceller = null)
    {
        _extra = Defer.Debugging ? new DebugInfo { Creator = DebugInfo.CaptureStack(), Canceller = canceller } : canceller;
    }

    /// <summary>Creates a typed handle onto <paramref name="root"/>'s chain.</summary>
    private protected Deferred(Deferred root)
    {
        _extra = root.Root;
        _state = State.IsHandle;
    }

    /// <summary>True once <see cref="Callback(object?)"/> or <see cref="Errback(Exception)"/> has been called (Twisted's <c>called</c>).</summary>
    public bool Called => Root.IsCalled;

    /// <summary>
    /// True while the chain is paused: by <see cref="Pause"/>, or because it is waiting on a Deferred that a
    /// callback returned (Twisted's <c>paused</c>, which counts; see <see cref="Pause"/>).
    /// </summary>
    public bool Paused => Root._paused > 0;

    /// <summary>
    /// The current result: a value, a <see cref="Failure"/>, or the <see cref="Deferred"/> this chain is
    /// waiting on. Reading it does not consume it.
    /// </summary>
    /// <exception cref="InvalidOperationException">The Deferred has not fired yet.</exception>
    public object? Result
    {
        get
        {
            var root = Root;
            if (!root.IsCalled)
            {
                throw new InvalidOperationException(
                    "This Deferred has no result yet: it has not been fired. Check Called first, or add a callback.");
            }
            return root._result;
        }
    }

    /// <summary>
    /// Adds a callback/errback pair at the end of the chain. Exactly one side of the pair runs, chosen by
    /// whether the current result is a <see cref="Failure"/>. If the Deferred has fired, the chain runs now.
    /// </summary>
    /// <param name="callback">Receives a success result; its return value (or a thrown exception, as a Failure) becomes the new result.</param>
    /// <param name="errback">Receives a <see cref="Failure"/>; null passes the failure on unchanged.</param>
    /// <returns>This Deferred.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    public Deferred AddCallbacks(Func<object?, object?> callback, Func<Failure, object?>? errback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        Root.Append(new Entry(callback, errback));
        return this;
    }

    /// <summary>Adds a callback that runs on success; failures pass by it unchanged.</summary>
    /// <param name="callback">Receives the current result; returns the next one.</param>
    /// <returns>This Deferred.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    public Deferred AddCallback(Func<object?, object?> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        Root.Append(new Entry(callback, null));
        return this;
    }

    /// <summary>Adds an errback that runs on failure; successes pass by it unchanged. Returning a non-Failure value recovers the chain.</summary>
    /// <param name="errback">Receives the current <see cref="Failure"/>; returns the next result.</param>
    /// <returns>This Deferred.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="errback"/> is null.</exception>
    public Deferred AddErrback(Func<Failure, object?> errback)
    {
        ArgumentNullException.ThrowIfNull(errback);
        Root.Append(new Entry(null, errback));
        return this;
    }

    /// <summary>Adds the same function on both paths: it receives a value or a <see cref="Failure"/>.</summary>
    /// <param name="callback">Receives the current result, whatever it is; returns the next one.</param>
    /// <returns>This Deferred.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    public Deferred AddBoth(Func<object?, object?> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        Root.Append(new Entry(callback, CallbackInvoker.UntypedBoth));
        return this;
    }

    /// <summary>
    /// Fires <paramref name="other"/> with this chain's result at this point (Twisted's <c>chainDeferred</c>):
    /// <paramref name="other"/> receives the value or failure, and this chain continues with null.
    /// Unlike Twisted, long <c>ChainDeferred</c> chains run iteratively and cannot exhaust the stack.
    /// </summary>
    /// <param name="other">The Deferred to fire.</param>
    /// <returns>This Deferred.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="other"/> is this Deferred's own chain.</exception>
    public Deferred ChainDeferred(Deferred other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var target = other.Root;
        if (target == Root)
        {
            throw new ArgumentException("A Deferred cannot be chained to itself.", nameof(other));
        }
        target.Info.ChainedTo = Root;
        Root.Append(new Entry(target, CallbackInvoker.ChainTo));
        return this;
    }

    /// <summary>Fires the Deferred with a success result and runs the chain.</summary>
    /// <param name="result">The result; a <see cref="Failure"/> fires the errback path instead.</param>
    /// <exception cref="AlreadyCalledError">The Deferred has already fired.</exception>
    /// <exception cref="ArgumentException"><paramref name="result"/> is a Deferred (as in Twisted 22.4: return it from a callback to chain, or use <see cref="ChainDeferred"/>).</exception>
    public void Callback(object? result)
    {
        if (result is Deferred)
        {
            throw new ArgumentException(
                "A Deferred cannot be the result of Callback. To wait on another Deferred, return it from a callback; " +
                "to forward a result, use ChainDeferred.",
                nameof(result));
        }
        Root.Fire(result);
    }

    /// <summary>Fires the Deferred with a failure and runs the errback path.</summary>
    /// <param name="exception">The error.</param>
    /// <exception cref="ArgumentNullException"><paramref name="exception"/> is null.</exception>
    /// <exception cref="AlreadyCalledError">The Deferred has already fired.</exception>
    public void Errback(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        Root.Fire(new Failure(exception));
    }

    /// <summary>Fires the Deferred with a failure and runs the errback path.</summary>
    /// <param name="failure">The failure.</param>
    /// <exception cref="ArgumentNullException"><paramref name="failure"/> is null.</exception>
    /// <exception cref="AlreadyCalledError">The Deferred has already fired.</exception>
    public void Errback(Failure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        Root.Fire(failure);
    }

    /// <summary>
    /// Stops the chain from running until a matching <see cref="Unpause"/>. Pauses count: two pauses need two
    /// unpauses. A result that arrives while paused is stored. Pausing from inside one of this chain's own
    /// callbacks does not stop the callbacks already queued in the current run (as in Twisted).
    /// </summary>
    public void Pause() => Root._paused++;

    /// <summary>Undoes one <see cref="Pause"/>; when none remain and the Deferred has fired, the chain runs.</summary>
    /// <exception cref="InvalidOperationException">
    /// There is no user <see cref="Pause"/> to undo: the call is unbalanced, or the only pause left is the
    /// one held while waiting on a Deferred returned by a callback. (Twisted lets both through silently and
    /// corrupts the chain; see docs/porting.md.)
    /// </exception>
    public void Unpause()
    {
        var root = Root;
        var heldByChaining = root.IsWaiting ? 1 : 0;
        if (root._paused <= heldByChaining)
        {
            throw new InvalidOperationException(heldByChaining == 1
                ? "Unpause called on a Deferred that is waiting on another Deferred (returned by one of its callbacks) " +
                  "and has no Pause of its own: it resumes by itself when that Deferred fires."
                : "Unpause called more times than Pause on this Deferred.");
        }
        root._paused--;
        if (root._paused == 0 && root.IsCalled)
        {
            root.RunCallbacks();
        }
    }

    /// <summary>
    /// Cancels the work behind this Deferred (Twisted's <c>cancel</c>). Unfired: the canceller runs, and
    /// unless it fired the Deferred, the Deferred fails with <see cref="CancelledError"/>; without a canceller,
    /// the producer's later single Callback/Errback is then silently ignored. Waiting on a Deferred returned
    /// by a callback: that Deferred is cancelled instead. Already fired with a result: nothing happens.
    /// </summary>
    public void Cancel()
    {
        var root = Root;
        if (!root.IsCalled)
        {
            var canceller = root.Canceller;
            if (canceller is not null)
            {
                canceller(root);
            }
            else
            {
                root.SuppressAlreadyCalled = true;
            }
            if (!root.IsCalled && !root.CancellerDecidesOutcome)
            {
                root.Fire(new Failure(new CancelledError()));
            }
        }
        else if (root._result is Deferred waitedOn)
        {
            waitedOn.Cancel();
        }
    }

    /// <summary>Shows the state as Twisted does: <c>&lt;Deferred at 0x… current result: 42&gt;</c>, <c>waiting on Deferred at 0x…</c>, or no result.</summary>
    /// <returns>The description.</returns>
    public override string ToString()
    {
        var root = Root;
        var name = GetType().Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0)
        {
            name = name[..tick];
        }
        if (root.ChainedTo is { } waitedOn)
        {
            return $"<{name} at {root.Address} waiting on Deferred at {waitedOn.Address}>";
        }
        if (!root.IsCalled)
        {
            return $"<{name} at {root.Address}>";
        }
        return $"<{name} at {root.Address} current result: {Describe(root._result)}>";
    }

    // ---------------------------------------------------------------------------------------------
    // Internal operations for the layers built on the chain (typed handles, awaiters, builders).
    // ---------------------------------------------------------------------------------------------

    /// <summary>The chain this handle belongs to.</summary>
    internal Deferred Root => Has(State.IsHandle) ? (Deferred)_extra! : this;

    /// <summary>Fired, not paused and not waiting: Twisted's "has a result" (awaiting it does not suspend).</summary>
    internal bool HasResult
    {
        get
        {
            var root = Root;
            return root.IsCalled && root._paused == 0 && root._result is not Deferred;
        }
    }

    /// <summary>The current result, unchecked (valid while a callback runs, or when <see cref="HasResult"/>).</summary>
    internal object? CurrentResult => Root._result;

    /// <summary>Appends an entry that <paramref name="invoker"/> runs with <paramref name="function"/> (no wrapper allocation): the invoker chooses what to do on each path.</summary>
    internal void AddInvoked(object function, CallbackInvoker invoker) => Root.Append(new Entry(function, invoker));

    /// <summary>
    /// After the canceller runs, <see cref="Cancel"/> leaves the Deferred as the canceller left it instead of
    /// failing it with <see cref="CancelledError"/> (Twisted's <c>DeferredList.cancel</c> only cancels members).
    /// </summary>
    internal void LetCancellerDecideOutcome() => Root.CancellerDecidesOutcome = true;

    /// <summary>Forgets that the current Failure is unhandled (someone observed it, e.g. by awaiting).</summary>
    internal void MarkFailureHandled() => Root.DebugInfoOrNull?.Unhandled?.Clear();

    /// <summary>
    /// Fires the chain like <see cref="Callback(object?)"/>, but when a run is already active on this thread
    /// (we are inside some callback) the chain is queued to run as soon as that callback returns instead of
    /// nesting a run on the call stack. Used where firing is the last thing the caller does (the completion
    /// of an <c>async Deferred</c> method), so the order matches Twisted while depth stays constant.
    /// </summary>
    internal void FireWithoutNesting(object? result)
    {
        var root = Root;
        var stack = RunStack.Current;
        if (stack is null || stack.Count == 0 || root.RunningCallbacks || root.IsCalled)
        {
            root.Fire(result);
            return;
        }
        root.SetFired(result);
        if (root._paused == 0)
        {
            stack.PushBoundary();
            stack.Push(root);
        }
    }

    /// <summary>
    /// Fires this unfired chain with null and runs (<paramref name="function"/>, <paramref name="invoker"/>) on
    /// it before the entries already queued; what that returns (a value, a Failure, a Deferred to wait on) is
    /// what they see. This is how Twisted cancels an inlineCallbacks coroutine (its handleCancel goes first).
    /// A paused chain runs it on unpause, like any entry.
    /// </summary>
    internal void FireAhead(object function, CallbackInvoker invoker)
    {
        var root = Root;
        root.SetFired(null);
        root.Prepend(new Entry(function, invoker));
        root.RunCallbacks();
    }

    // ---------------------------------------------------------------------------------------------
    // The engine.
    // ---------------------------------------------------------------------------------------------

    // The chain's flags share one byte: every Deferred carries them, and gathers hold many Deferreds.
    private bool IsCalled { get => Has(State.Called); set => Set(State.Called, value); }

    private bool HasInline { get => Has(State.HasInline); set => Set(State.HasInline, value); }

    private bool RunningCallbacks { get => Has(State.RunningCallbacks); set => Set(State.RunningCallbacks, value); }

    private bool SuppressAlreadyCalled { get => Has(State.SuppressAlreadyCalled); set => Set(State.SuppressAlreadyCalled, value); }

    private bool CancellerDecidesOutcome { get => Has(State.CancellerDecidesOutcome); set => Set(State.CancellerDecidesOutcome, value); }

    /// <summary>
    /// Twisted's <c>_chainedTo</c>: the Deferred this chain waits on, or the one that will fire it by ChainDeferred,
    /// until this chain runs again. Derived from the result while waiting; otherwise rare, so kept off the object.
    /// </summary>
    private Deferred? ChainedTo => DebugInfoOrNull?.ChainedTo ?? (IsWaiting ? (Deferred)_result! : null);

    private void ClearChainedTo()
    {
        if (DebugInfoOrNull is { ChainedTo: not null } info)
        {
            info.ChainedTo = null;
        }
    }

    private bool IsWaiting => IsCalled && _result is Deferred;

    private string Address => "0x" + RuntimeHelpers.GetHashCode(this).ToString("x8", CultureInfo.InvariantCulture);

    private void Append(in Entry entry)
    {
        if (IsCalled && _paused == 0 && !RunningCallbacks && IsQueueEmpty)
        {
            // Fired and idle: this entry would be the only one a run takes, so run it without queueing it.
            StackGuard.Ensure(); // before anything runs, as in Fire
            RunDirectly(addedEntry: true, entry);
            return;
        }
        if (!HasInline && _head == _tail)
        {
            _inline = entry;
            HasInline = true;
        }
        else
        {
            AppendToArray(entry);
        }
        if (IsCalled)
        {
            RunCallbacks();
        }
    }

    private bool IsQueueEmpty => !HasInline && _head == _tail;

    private void AppendToArray(in Entry entry)
    {
        var entries = _entries;
        if (entries is null)
        {
            // Small: the common spill is one more pending callback (an awaiter behind a context restore).
            entries = _entries = new Entry[2];
        }
        else if (_tail == entries.Length)
        {
            var live = _tail - _head;
            if (_head > 0 && live < entries.Length / 2)
            {
                Array.Copy(entries, _head, entries, 0, live);
                Array.Clear(entries, live, _tail - live);
            }
            else
            {
                // Past the small first array, a chain being built up (many callbacks before firing) is likely: jump.
                var grown = new Entry[Math.Max(16, entries.Length * 2)];
                Array.Copy(entries, _head, grown, 0, live);
                entries = _entries = grown;
            }
            _head = 0;
            _tail = live;
        }
        entries[_tail++] = entry;
    }

    private void Prepend(in Entry entry)
    {
        if (HasInline)
        {
            // The inline slot holds the oldest entry; it becomes the array's first.
            PushFrontOfArray(_inline);
        }
        _inline = entry;
        HasInline = true;
    }

    private void PushFrontOfArray(in Entry entry)
    {
        if (_head > 0)
        {
            _entries![--_head] = entry;
            return;
        }
        var entries = _entries;
        var live = _tail;
        var target = entries is null || live == entries.Length ? new Entry[Math.Max(2, live * 2)] : entries;
        if (entries is not null)
        {
            Array.Copy(entries, 0, target, 1, live);
        }
        target[0] = entry;
        _entries = target;
        _tail = live + 1;
    }

    private bool TryTakeFirst(out Entry entry)
    {
        if (HasInline)
        {
            entry = _inline;
            _inline = default;
            HasInline = false;
            return true;
        }
        if (_head == _tail)
        {
            entry = default;
            return false;
        }
        var entries = _entries!;
        entry = entries[_head];
        entries[_head] = default;
        if (++_head == _tail)
        {
            _head = _tail = 0;
        }
        return true;
    }

    private void Fire(object? result)
    {
        // A callback firing another Deferred nests a run; refuse before any state changes rather than let
        // runaway user recursion kill the process. The exception becomes the caller's Failure.
        StackGuard.Ensure();
        SetFired(result);
        if (_paused > 0 || RunningCallbacks)
        {
            return; // as in Twisted, the run starts on unpause, or continues when the running callback returns
        }
        RunDirectly(addedEntry: false, default);
    }

    private void SetFired(object? result)
    {
        if (IsCalled)
        {
            if (SuppressAlreadyCalled)
            {
                SuppressAlreadyCalled = false;
                return;
            }
            throw new AlreadyCalledError(DebugInfo.DescribeAlreadyCalled(DebugInfoOrNull));
        }
        if (Defer.Debugging)
        {
            Info.Invoker = DebugInfo.CaptureStack();
        }
        IsCalled = true;
        DropCanceller();
        _result = result;
    }

    /// <summary>
    /// Runs the chain as far as it can go: Twisted's <c>_runCallbacks</c>. One loop over an explicit stack
    /// of Deferreds: a callback that returns an unfired Deferred parks this chain behind a continuation
    /// entry on that Deferred; when the continuation is reached, the waiting chain is pushed and continued
    /// before the rest of the inner one, so nesting depth costs heap, not call stack.
    /// </summary>
    private void RunCallbacks() => RunCallbacks(RunStack.Current, addedEntry: false, default);

    /// <summary>The run loop on this thread's <paramref name="currentStack"/> (null: none yet); with <paramref name="addedEntry"/>, <paramref name="added"/> runs first, as if it had been queued.</summary>
    private void RunCallbacks(RunStack? currentStack, bool addedEntry, in Entry added, bool midRun = false)
    {
        if (RunningCallbacks)
        {
            // A callback of ours added to or unpaused us; the loop below picks that up when it returns.
            return;
        }
        var stack = currentStack ?? (RunStack.Current = new RunStack());
        var runBase = stack.Count;
        if (runBase > 0)
        {
            StackGuard.Ensure();
        }
        stack.Push(this);
        try
        {
            // After an emulated nested run (a ChainDeferred target, or a chain queued by FireWithoutNesting)
            // the Deferred below resumes mid-run, as after a nested callback() in Twisted: no pause check.
            var resumingAfterNestedRun = midRun;
            while (stack.Count > runBase)
            {
                var index = stack.Count - 1;
                var current = stack[index];
                if (current is null)
                {
                    stack.Pop();
                    resumingAfterNestedRun = true;
                    continue;
                }
                if (current._paused > 0 && !resumingAfterNestedRun)
                {
                    // Twisted stops the whole run here; inside an emulated nested run only that run stops.
                    if (stack.UnwindToBoundary(runBase))
                    {
                        resumingAfterNestedRun = true;
                        continue;
                    }
                    return;
                }
                resumingAfterNestedRun = false;
                current.ClearChainedTo();
                var finished = addedEntry ? current.RunEntries(stack, added) : current.RunEntries(stack);
                addedEntry = false;
                if (finished)
                {
                    current.RecordFinalResult();
                    stack.RemoveAt(index);
                }
            }
        }
        finally
        {
            stack.TruncateTo(runBase);
        }
    }

    /// <summary>
    /// Where firing and fire-then-add start (the chain is fired, idle and not paused): runs the plain callbacks
    /// directly, as the run loop would and without its stack, while each returns a plain value. Like Twisted's inner
    /// loop it does not stop for a pause a callback makes. At the first entry or outcome that needs more (an invoker
    /// entry, the errback path, a Deferred to wait on that has not fired), the run loop takes over mid-run. Skipping
    /// the run stack is safe because only invoker entries (awaiters, builders) leave work on it for the enclosing run
    /// (<see cref="FireWithoutNesting"/>); a run a plain callback starts is balanced. Callers check the stack depth
    /// first (runaway recursion through plain callbacks is not visible on the run stack).
    /// </summary>
    private void RunDirectly(bool addedEntry, in Entry added)
    {
        ClearChainedTo();
        var takeAdded = addedEntry;
        while (true)
        {
            Entry entry;
            if (takeAdded)
            {
                entry = added;
                takeAdded = false;
            }
            else if (!TryTakeFirst(out entry))
            {
                break;
            }
            if (!entry.IsPlain || _result is Failure)
            {
                RunCallbacks(RunStack.Current, addedEntry: true, entry, midRun: true);
                return;
            }
            if (entry.First is not { } callback)
            {
                continue;
            }
            // RunEntry's step, specialised to a plain callback on a value: sharing one generic step with
            // RunEntry was measured to cost workload 1 (10 callbacks, then fire) 7-10%.
            object? next;
            RunningCallbacks = true;
            try
            {
                next = Unsafe.As<Func<object?, object?>>(callback)(_result);
            }
            catch (Exception exception)
            {
                next = new Failure(exception);
            }
            RunningCallbacks = false;
            if (next is not Deferred returned)
            {
                _result = next;
            }
            else if (WaitOnReturned(returned.Root))
            {
                break;
            }
        }
        RecordFinalResult();
    }

    /// <summary>
    /// Runs this chain's entries; true when it is finished for now (list empty, or waiting on a Deferred),
    /// false when another Deferred was pushed above it and must run first (a continuation, a ChainDeferred
    /// target, or a chain a callback queued with <see cref="FireWithoutNesting"/>).
    /// </summary>
    private bool RunEntries(RunStack stack)
    {
        var depth = stack.Count;
        while (stack.Count == depth && TryTakeFirst(out var entry) && RunEntry(entry, stack))
        {
        }
        return stack.Count == depth;
    }

    /// <summary><see cref="RunEntries(RunStack)"/>, starting with an entry that was never queued.</summary>
    private bool RunEntries(RunStack stack, in Entry added)
    {
        var depth = stack.Count;
        if (!RunEntry(added, stack) || stack.Count != depth)
        {
            return stack.Count == depth;
        }
        return RunEntries(stack);
    }

    /// <summary>
    /// Runs one entry against the current result; false when the chain must stop here: it now waits on a
    /// Deferred a callback returned, or another Deferred was pushed to run first.
    /// </summary>
    private bool RunEntry(in Entry entry, RunStack stack)
    {
        var isFailure = _result is Failure;
        object? function;
        CallbackInvoker? invoker = null;
        if (entry.IsPlain)
        {
            function = isFailure ? entry.Second : entry.First;
            if (function is null)
            {
                return true;
            }
        }
        else
        {
            function = entry.First!;
            invoker = Unsafe.As<CallbackInvoker>(entry.Second);
        }
        if (invoker == CallbackInvoker.Continuation)
        {
            var waiting = (Deferred)function;
            waiting._result = _result;
            _result = null;
            DebugInfoOrNull?.Unhandled?.Clear();
            if (--waiting._paused > 0)
            {
                // Paused by the user too: as in Twisted, it still shows as waiting on us until it runs again.
                waiting.Info.ChainedTo = this;
            }
            stack.Push(waiting);
            return false;
        }
        if (invoker == CallbackInvoker.ChainTo)
        {
            return !StartChainedTarget((Deferred)function, stack);
        }

        object? next;
        RunningCallbacks = true;
        try
        {
            next = invoker is not null ? invoker.Invoke(function, _result)
                : isFailure ? Unsafe.As<Func<Failure, object?>>(function)(Unsafe.As<Failure>(_result!))
                : Unsafe.As<Func<object?, object?>>(function)(_result);
        }
        catch (Exception exception)
        {
            next = new Failure(exception);
        }
        RunningCallbacks = false;

        if (next is Deferred returned)
        {
            return !WaitOnReturned(returned.Root);
        }
        _result = next;
        return true;
    }

    /// <summary>A callback returned <paramref name="inner"/>: adopt its result now, or wait on it (true: waiting).</summary>
    private bool WaitOnReturned(Deferred inner)
    {
        if (inner == this)
        {
            // Twisted warns and then waits on itself forever; a clear failure is kinder (docs/porting.md).
            _result = new Failure(new InvalidOperationException(
                "A callback returned the Deferred it was attached to; this would make the Deferred wait on itself forever. " +
                "Return a value, or a different Deferred."));
            return false;
        }
        if (inner.IsCalled && inner._paused == 0 && inner._result is not Deferred)
        {
            // Adopt the inner result now; the inner Deferred is left with null, and its failure (if any)
            // is ours to report, not its.
            _result = inner._result;
            inner._result = null;
            inner.DebugInfoOrNull?.Unhandled?.Clear();
            return false;
        }
        _paused++;
        _result = inner; // also what ToString reports this chain waits on (Twisted's _chainedTo)

        inner.Append(new Entry(this, CallbackInvoker.Continuation));
        return true;
    }

    /// <summary>
    /// Fires a <see cref="ChainDeferred"/> target with the current result; true when the target was pushed to
    /// run (as its own nested run) before the rest of this chain.
    /// </summary>
    private bool StartChainedTarget(Deferred target, RunStack stack)
    {
        var value = _result;
        if (target.IsCalled && !target.SuppressAlreadyCalled)
        {
            _result = new Failure(new AlreadyCalledError(DebugInfo.DescribeAlreadyCalled(target.DebugInfoOrNull)));
            return false;
        }
        _result = null;
        var wasCalled = target.IsCalled;
        target.SetFired(value);
        if (wasCalled || target.RunningCallbacks || target._paused > 0)
        {
            return false;
        }
        stack.PushBoundary();
        stack.Push(target);
        return true;
    }

    private void RecordFinalResult()
    {
        if (_result is Failure failure)
        {
            var info = Info;
            (info.Unhandled ??= new UnhandledFailureWitness(info)).Set(failure);
        }
        else
        {
            DebugInfoOrNull?.Unhandled?.Clear();
        }
    }

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string text => "\"" + text + "\"",
        Deferred deferred => "Deferred at " + deferred.Root.Address,
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? value.GetType().Name,
    };

    private DebugInfo? DebugInfoOrNull => _extra as DebugInfo;

    /// <summary>The rare state, created on first use (it takes over the canceller's place).</summary>
    private DebugInfo Info => _extra as DebugInfo ?? CreateInfo();

    private Action<Deferred>? Canceller => _extra as Action<Deferred> ?? DebugInfoOrNull?.Canceller;

    private DebugInfo CreateInfo()
    {
        var info = new DebugInfo { Canceller = _extra as Action<Deferred> };
        _extra = info;
        return info;
    }

    private void DropCanceller()
    {
        if (_extra is DebugInfo info)
        {
            info.Canceller = null;
        }
        else
        {
            _extra = null;
        }
    }

    private bool Has(State flag) => (_state & flag) != 0;

    private void Set(State flag, bool value) => _state = value ? _state | flag : _state & ~flag;

    [Flags]
    private enum State : byte
    {
        None = 0,
        Called = 1,
        HasInline = 2,
        RunningCallbacks = 4,
        SuppressAlreadyCalled = 8,
        CancellerDecidesOutcome = 16,
        IsHandle = 32,
    }

    /// <summary>
    /// One chain entry, in two references (the queue's slots and the inline entry are its size). Plain untyped
    /// delegates: the callback and the errback, either null to pass that path's result on. Anything else (typed
    /// delegates, an awaiter, a combinator, a continuation marker): a function and the <see cref="CallbackInvoker"/>
    /// that runs it, which chooses what to do on each path.
    /// </summary>
    private readonly struct Entry(object? first, object? second)
    {
        public readonly object? First = first;
        public readonly object? Second = second;

        /// <summary>True for plain delegates: Second is null or the errback (which may be of a variant delegate type).</summary>
        public bool IsPlain => Second is not CallbackInvoker;
    }
}
