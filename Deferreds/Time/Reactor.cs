using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Deferreds;

/// <summary>
/// A real single-threaded event loop for applications (Twisted's reactor): calls scheduled with
/// <see cref="CallLater(double, Action)"/>, handed over with <see cref="CallFromThread(Action)"/> or posted
/// to its <see cref="SynchronizationContext"/> all run one at a time on the loop thread.
/// </summary>
/// <remarks>
/// <para><see cref="Run"/> runs the loop on the calling thread until <see cref="Stop"/>; <see cref="Start"/> runs it
/// on a new background thread of its own and returns at once. A reactor runs once: it cannot be restarted.</para>
/// <para>While it runs, only <see cref="CallFromThread(Action)"/>, <see cref="Stop"/>, <see cref="Seconds"/>,
/// <see cref="IsReactorThread"/> and <see cref="Dispose"/> may be used from other threads; the rest throw
/// <see cref="InvalidOperationException"/> there. Before it runs, any one thread may set it up.</para>
/// <para>An exception escaping a call is logged (to the <see cref="ILogger"/> given, else to standard error) and the loop
/// keeps running, as Twisted logs errors from timed calls.</para>
/// </remarks>
[DebuggerDisplay("Reactor {state}")]
public sealed class Reactor : IReactorTime, IDelayedCallOwner, IDisposable
{
    private static readonly Action<ILogger, Exception> LogUnhandled =
        LoggerMessage.Define(LogLevel.Error, new EventId(1, "UnhandledReactorError"), "Unhandled error in a reactor call");

    private readonly object gate = new();
    private readonly DelayedCallHeap heap = new();
    private readonly long startTimestamp = Stopwatch.GetTimestamp();
    private readonly ILogger? logger;
    private readonly List<Action> startupCalls = [];
    private List<WorkItem> threadCalls = [];
    private List<WorkItem> runningCalls = [];
    private long nextSequence;
    private ReactorState state;
    private bool stopRequested;
    private Thread? loopThread;
    private Thread? ownThread;

    /// <summary>Creates a reactor that is not running yet.</summary>
    /// <param name="logger">Where to report exceptions that escape calls; null writes them to standard error.</param>
    public Reactor(ILogger? logger = null)
    {
        this.logger = logger;
    }

    private enum ReactorState
    {
        NotStarted,
        Running,
        Stopped,
    }

    /// <summary>True from <see cref="Run"/> or <see cref="Start"/> until the loop has stopped.</summary>
    public bool Running
    {
        get
        {
            lock (gate)
            {
                return state == ReactorState.Running;
            }
        }
    }

    /// <summary>True when called on the thread the loop runs on, while it runs.</summary>
    public bool IsReactorThread => Volatile.Read(ref loopThread) == Thread.CurrentThread;

    object IDelayedCallOwner.Gate => gate;

    /// <summary>Monotonic seconds since this reactor was created; safe from any thread.</summary>
    /// <returns>The elapsed seconds.</returns>
    public double Seconds() => Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds;

    /// <summary>
    /// Runs the loop on the calling thread until <see cref="Stop"/> is called (Twisted's <c>reactor.run()</c>).
    /// The calls given to <see cref="CallWhenRunning(Action)"/> run first.
    /// </summary>
    /// <exception cref="InvalidOperationException">The reactor has already run or is running.</exception>
    public void Run()
    {
        lock (gate)
        {
            ThrowIfStarted();
            state = ReactorState.Running;
            Volatile.Write(ref loopThread, Thread.CurrentThread);
        }
        Loop();
    }

    /// <summary>Runs the loop on a new background thread owned by this reactor and returns at once; <see cref="Dispose"/> stops and joins it.</summary>
    /// <exception cref="InvalidOperationException">The reactor has already run or is running.</exception>
    public void Start()
    {
        Thread thread;
        lock (gate)
        {
            ThrowIfStarted();
            state = ReactorState.Running;
            thread = new Thread(Loop) { IsBackground = true, Name = "Deferreds reactor" };
            ownThread = thread;
            Volatile.Write(ref loopThread, thread);
        }
        thread.Start();
    }

    /// <summary>
    /// Asks the loop to stop after the call it is running (Twisted's <c>reactor.stop()</c>); safe from any thread.
    /// Calls still queued are dropped.
    /// </summary>
    /// <exception cref="InvalidOperationException">The reactor is not running, or was already asked to stop (Twisted's <c>ReactorNotRunning</c>).</exception>
    public void Stop()
    {
        lock (gate)
        {
            if (state != ReactorState.Running || stopRequested)
            {
                throw new InvalidOperationException("Can't stop reactor that isn't running.");
            }
            stopRequested = true;
            Monitor.PulseAll(gate);
        }
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">Called from another thread while the reactor runs; use <see cref="CallFromThread(Action)"/>.</exception>
    public IDelayedCall CallLater(TimeSpan delay, Action f) => CallLater(delay.TotalSeconds, f);

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">Called from another thread while the reactor runs; use <see cref="CallFromThread(Action)"/>.</exception>
    public IDelayedCall CallLater(double seconds, Action f)
    {
        TimeArguments.ThrowIfNegativeOrNaN(seconds, nameof(seconds));
        ArgumentNullException.ThrowIfNull(f);
        CheckCaller(nameof(CallLater));
        lock (gate)
        {
            var due = Seconds() + seconds;
            var call = new DelayedCall(this, due, f);
            heap.Push(call, due, nextSequence++);
            Monitor.PulseAll(gate);
            return call;
        }
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">Called from another thread while the reactor runs.</exception>
    public IReadOnlyList<IDelayedCall> GetDelayedCalls()
    {
        CheckCaller(nameof(GetDelayedCalls));
        lock (gate)
        {
            return heap.ToSortedArray();
        }
    }

    /// <summary>
    /// Runs <paramref name="f"/> on the loop thread soon (Twisted's <c>callFromThread</c>); the one way to hand work to a
    /// running reactor from another thread. Calls run in the order they were handed over. Work handed to a reactor
    /// that has stopped never runs.
    /// </summary>
    /// <param name="f">What to run.</param>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    public void CallFromThread(Action f)
    {
        ArgumentNullException.ThrowIfNull(f);
        Enqueue(new WorkItem(f, null, null));
    }

    /// <summary>
    /// Runs <paramref name="f"/> when the loop starts, before anything else, or at once when it is already running
    /// (Twisted's <c>callWhenRunning</c>).
    /// </summary>
    /// <param name="f">What to run.</param>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="InvalidOperationException">Called from another thread while the reactor runs.</exception>
    public void CallWhenRunning(Action f)
    {
        ArgumentNullException.ThrowIfNull(f);
        CheckCaller(nameof(CallWhenRunning));
        lock (gate)
        {
            if (state != ReactorState.Running)
            {
                startupCalls.Add(f);
                return;
            }
        }
        f();
    }

    /// <summary>Stops the loop if it runs and waits for the reactor's own thread (from <see cref="Start"/>) to end; safe from any thread.</summary>
    public void Dispose()
    {
        Thread? toJoin;
        lock (gate)
        {
            if (state == ReactorState.NotStarted)
            {
                state = ReactorState.Stopped;
            }
            stopRequested = true;
            Monitor.PulseAll(gate);
            toJoin = ownThread;
        }
        if (toJoin is not null && toJoin != Thread.CurrentThread)
        {
            toJoin.Join();
        }
    }

    /// <summary>Describes the reactor's state.</summary>
    /// <returns>A description for debugging.</returns>
    public override string ToString()
    {
        lock (gate)
        {
            return $"<Reactor {state}, {heap.LiveCount} pending calls>";
        }
    }

    double IDelayedCallOwner.Seconds() => Seconds();

    void IDelayedCallOwner.CheckCaller(string operation) => CheckCaller(operation);

    void IDelayedCallOwner.Unschedule(DelayedCall call) => heap.Remove(call);

    void IDelayedCallOwner.Rescheduled(DelayedCall call, double previousDue)
    {
        // Real time has no tie-breaking to preserve: a moved call simply queues behind calls already at its new time.
        heap.Push(call, call.GetTime(), nextSequence++);
        Monitor.PulseAll(gate);
    }

    internal void Post(SendOrPostCallback callback, object? callbackState) => Enqueue(new WorkItem(null, callback, callbackState));

    private void Enqueue(WorkItem item)
    {
        lock (gate)
        {
            threadCalls.Add(item);
            Monitor.PulseAll(gate);
        }
    }

    private void CheckCaller(string operation)
    {
        var thread = Volatile.Read(ref loopThread);
        if (thread is not null && thread != Thread.CurrentThread)
        {
            throw new InvalidOperationException(
                $"Reactor.{operation} was called from a thread that is not the reactor's thread; " +
                "hand the work over with Reactor.CallFromThread instead.");
        }
    }

    private void ThrowIfStarted()
    {
        if (state != ReactorState.NotStarted)
        {
            throw new InvalidOperationException("A Reactor runs only once and this one has already run; create a new Reactor.");
        }
    }

    private void Loop()
    {
        var previousContext = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(new ReactorSynchronizationContext(this));
        try
        {
            List<Action> startup;
            lock (gate)
            {
                startup = [.. startupCalls];
                startupCalls.Clear();
            }
            foreach (var f in startup)
            {
                Invoke(f);
            }
            while (RunOnce())
            {
            }
        }
        finally
        {
            lock (gate)
            {
                state = ReactorState.Stopped;
                stopRequested = true;
                threadCalls.Clear();
                Volatile.Write(ref loopThread, null);
            }
            SynchronizationContext.SetSynchronizationContext(previousContext);
        }
    }

    /// <summary>One turn of the loop (Twisted's <c>runUntilCurrent</c> then a wait): returns false once asked to stop.</summary>
    private bool RunOnce()
    {
        List<WorkItem> batch;
        long sequenceLimit;
        lock (gate)
        {
            if (stopRequested)
            {
                return false;
            }
            batch = threadCalls;
            threadCalls = runningCalls;
            runningCalls = batch;
            sequenceLimit = nextSequence;
        }
        foreach (var item in batch)
        {
            if (Volatile.Read(ref stopRequested))
            {
                break;
            }
            Invoke(item);
        }
        batch.Clear();

        // Calls scheduled while this turn runs wait for the next turn, so a call that reschedules itself with delay 0
        // cannot starve the thread-call queue.
        var now = Seconds();
        while (true)
        {
            Action func;
            lock (gate)
            {
                if (stopRequested || !heap.TryPeek(out var due, out var sequence) || due > now || sequence >= sequenceLimit)
                {
                    break;
                }
                var call = heap.Pop();
                call.Called = true;
                func = (Action)call.Func!;
                call.Func = null;
            }
            Invoke(func);
        }

        lock (gate)
        {
            if (stopRequested)
            {
                return false;
            }
            if (threadCalls.Count > 0)
            {
                return true;
            }
            if (!heap.TryPeek(out var nextDue, out _))
            {
                Monitor.Wait(gate);
                return true;
            }
            var wait = nextDue - Seconds();
            if (wait > 0)
            {
                Monitor.Wait(gate, TimeSpan.FromMilliseconds(Math.Ceiling(Math.Min(wait * 1000.0, int.MaxValue - 1))));
            }
            return true;
        }
    }

    private void Invoke(WorkItem item)
    {
        if (item.Action is { } action)
        {
            Invoke(action);
        }
        else
        {
            try
            {
                item.Callback!(item.State);
            }
            catch (Exception e)
            {
                Report(e);
            }
        }
    }

    private void Invoke(Action f)
    {
        try
        {
            f();
        }
        catch (Exception e)
        {
            Report(e);
        }
    }

    private void Report(Exception e)
    {
        if (logger is not null)
        {
            LogUnhandled(logger, e);
        }
        else
        {
            Console.Error.WriteLine($"Unhandled error in a reactor call:{Environment.NewLine}{e}");
        }
    }

    private readonly record struct WorkItem(Action? Action, SendOrPostCallback? Callback, object? State);
}
