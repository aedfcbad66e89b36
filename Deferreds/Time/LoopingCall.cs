using System.Globalization;

namespace Deferreds;

/// <summary>
/// Calls a function every interval on a clock (Twisted's <c>task.LoopingCall</c>). If the function returns a
/// <see cref="Deferred"/>, the next call is scheduled only once it fires. Missed intervals are skipped, never replayed.
/// </summary>
/// <remarks>
/// Set <see cref="Clock"/> (a <see cref="Deferreds.Clock"/> in tests, a <see cref="Reactor"/> in applications) before
/// <see cref="Start(TimeSpan, bool)"/>; the clock set at start is the one used until the loop stops.
/// Like a Deferred, a LoopingCall belongs to its clock's thread.
/// </remarks>
public sealed class LoopingCall
{
    private readonly Func<object?> f;
    private IReactorTime? activeClock;
    private IDelayedCall? call;
    private Deferred<LoopingCall>? deferred;
    private double interval;
    private bool started;
    private double startTime;
    private bool runAtStart;
    private double? realLastTime;

    /// <summary>Creates a loop around <paramref name="f"/>; its return value is ignored, except that a returned Deferred is waited for.</summary>
    /// <param name="f">The function to call each interval.</param>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    public LoopingCall(Func<object?> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        this.f = f;
    }

    /// <summary>The clock to schedule on (Twisted's <c>clock</c>, which defaults to the global reactor; here it must be set).</summary>
    public IReactorTime? Clock { get; set; }

    /// <summary>True from <see cref="Start(TimeSpan, bool)"/> until <see cref="Stop"/> or a failure of the function.</summary>
    public bool Running { get; private set; }

    /// <summary>The time between calls, or null before the first start; may be changed while running and applies from the next schedule.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative value.</exception>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    public TimeSpan? Interval
    {
        get => started ? TimeSpan.FromSeconds(interval) : null;
        set
        {
            if (value is not { } newInterval)
            {
                throw new ArgumentNullException(nameof(value), "A LoopingCall's interval cannot be unset; stop it instead.");
            }
            ThrowIfBadInterval(newInterval.TotalSeconds, nameof(value));
            interval = newInterval.TotalSeconds;
            started = true;
        }
    }

    /// <summary>
    /// Creates a loop whose function receives how many intervals have elapsed since it last ran (Twisted's
    /// <c>LoopingCall.withCount</c>): normally 1, more when calls were missed; with interval 0, always 1.
    /// </summary>
    /// <param name="countCallable">The function to call with the count.</param>
    /// <returns>The loop, not started.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="countCallable"/> is null.</exception>
    public static LoopingCall WithCount(Func<int, object?> countCallable)
    {
        ArgumentNullException.ThrowIfNull(countCallable);
        LoopingCall? loop = null;
        loop = new LoopingCall(() => loop!.CallWithCount(countCallable));
        return loop;
    }

    /// <summary>Starts calling the function every <paramref name="interval"/> (Twisted's <c>start</c>).</summary>
    /// <param name="interval">The time between calls; zero calls again as soon as possible.</param>
    /// <param name="now">Call the function at once (inside this method) rather than after the first interval.</param>
    /// <returns>A Deferred that fires with this loop when it is stopped, or fails with the function's failure.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="interval"/> is negative.</exception>
    /// <exception cref="InvalidOperationException">The loop is already running, or <see cref="Clock"/> is not set.</exception>
    public Deferred<LoopingCall> Start(TimeSpan interval, bool now = true) => Start(interval.TotalSeconds, now);

    /// <summary>Starts calling the function every <paramref name="interval"/> seconds (Twisted's <c>start</c>).</summary>
    /// <param name="interval">Seconds between calls; zero calls again as soon as possible.</param>
    /// <param name="now">Call the function at once (inside this method) rather than after the first interval.</param>
    /// <returns>A Deferred that fires with this loop when it is stopped, or fails with the function's failure.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="interval"/> is negative or NaN.</exception>
    /// <exception cref="InvalidOperationException">The loop is already running, or <see cref="Clock"/> is not set.</exception>
    public Deferred<LoopingCall> Start(double interval, bool now = true)
    {
        if (Running)
        {
            throw new InvalidOperationException("Tried to start an already running LoopingCall.");
        }
        ThrowIfBadInterval(interval, nameof(interval));
        activeClock = Clock ?? throw new InvalidOperationException(
            "LoopingCall.Clock is not set: assign the Clock (in tests) or the Reactor (in applications) to run on before calling Start.");
        Running = true;
        var result = deferred = new Deferred<LoopingCall>();
        startTime = activeClock.Seconds();
        this.interval = interval;
        started = true;
        runAtStart = now;
        if (now)
        {
            Invoke();
        }
        else
        {
            ScheduleFrom(startTime);
        }
        return result;
    }

    /// <summary>
    /// Stops the loop (Twisted's <c>stop</c>). When the next call is merely scheduled, it is cancelled and the start
    /// Deferred fires now; when the function is running or its Deferred is pending, the start Deferred fires once that finishes.
    /// </summary>
    /// <exception cref="InvalidOperationException">The loop is not running.</exception>
    public void Stop()
    {
        if (!Running)
        {
            throw new InvalidOperationException("Tried to stop a LoopingCall that was not running.");
        }
        Running = false;
        if (call is not null)
        {
            call.Cancel();
            call = null;
            FireStopped();
        }
    }

    /// <summary>Skips the next call and restarts the interval from now (Twisted's <c>reset</c>).</summary>
    /// <exception cref="InvalidOperationException">The loop is not running.</exception>
    public void Reset()
    {
        if (!Running)
        {
            throw new InvalidOperationException("Tried to reset a LoopingCall that was not running.");
        }
        if (call is not null)
        {
            call.Cancel();
            call = null;
            startTime = activeClock!.Seconds();
            ScheduleFrom(startTime);
        }
    }

    /// <summary>Twisted's repr: <c>LoopingCall&lt;interval&gt;(function)</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"LoopingCall<{(started ? interval : null)}>({f.Method.Name})");

    private static void ThrowIfBadInterval(double seconds, string paramName)
    {
        if (!(seconds >= 0.0))
        {
            throw new ArgumentOutOfRangeException(paramName, seconds, "interval must be >= 0");
        }
    }

    private void Invoke()
    {
        call = null;
        var result = Defer.MaybeDeferred(f);
        result.AddCallback(_ =>
        {
            if (Running)
            {
                ScheduleFrom(activeClock!.Seconds());
            }
            else
            {
                FireStopped();
            }
            return null;
        });
        result.AddErrback(failure =>
        {
            Running = false;
            var d = deferred!;
            deferred = null;
            d.Errback(failure);
            return null;
        });
    }

    private void FireStopped()
    {
        var d = deferred!;
        deferred = null;
        d.Callback(this);
    }

    /// <summary>Schedules the next call at the next interval boundary after <paramref name="when"/>, in Twisted's double arithmetic.</summary>
    private void ScheduleFrom(double when)
    {
        double HowLong()
        {
            if (interval == 0)
            {
                return 0;
            }
            var runningFor = when - startTime;
            var untilNextInterval = interval - (runningFor % interval);
            // Too small to move `when` at this magnitude: the boundary is effectively now, so wait a whole interval.
            if (when == when + untilNextInterval)
            {
                return interval;
            }
            return untilNextInterval;
        }

        call = activeClock!.CallLater(HowLong(), Invoke);
    }

    private object? CallWithCount(Func<int, object?> countCallable)
    {
        var now = activeClock!.Seconds();
        if (interval == 0)
        {
            realLastTime = now;
            return countCallable(1);
        }
        var lastTime = realLastTime ?? (runAtStart ? startTime - interval : startTime);
        var count = IntervalOf(now) - IntervalOf(lastTime);
        if (count > 0)
        {
            realLastTime = now;
            return countCallable(checked((int)count));
        }
        return null;
    }

    private long IntervalOf(double t) => (long)((t - startTime) / interval);
}
