// Timeouts: AddTimeout cancels a Deferred that has not fired in time, and turns the cancellation into a
// TimeoutError for the callbacks added after it. Timed on a Clock, so the example runs instantly.
// The #region blocks are quoted by docs/deferreds.md.
using Deferreds;

var clock = new Clock();

#region timeout
// The canceller is what actually stops the work; AddTimeout only calls Cancel() when time is up.
var slowQuery = new Deferred<string>(canceller: _ => Console.WriteLine("canceller: aborting the query"));
_ = slowQuery.AddTimeout(TimeSpan.FromSeconds(10), clock)
             .AddErrback(failure =>
             {
                 failure.Trap(typeof(TimeoutError));
                 Console.WriteLine($"at t={clock.Seconds()}s: {failure.GetErrorMessage()}");
                 return "cached answer";
             });
clock.Advance(9.9);
Defer.AssertNoResult(slowQuery);
clock.Advance(0.1);
Console.WriteLine($"fell back to: {Defer.SuccessResultOf(slowQuery)}");
#endregion

#region in-time
// A result that arrives in time cancels the timer: nothing is left scheduled on the clock.
var fastQuery = new Deferred<string>();
_ = fastQuery.AddTimeout(TimeSpan.FromSeconds(10), clock);
clock.Advance(1);
fastQuery.Callback("fresh answer");
Console.WriteLine($"in time: {Defer.SuccessResultOf(fastQuery)}, timers left: {clock.GetDelayedCalls().Count}");
#endregion

#region on-timeout-cancel
// onTimeoutCancel decides the result when (and only when) the timeout fired.
var ping = new Deferred<string>();
_ = ping.AddTimeout(TimeSpan.FromSeconds(5), clock, onTimeoutCancel: (result, timeout) =>
    result is Failure ? $"no answer within {timeout.TotalSeconds}s" : result);
clock.Advance(5);
Console.WriteLine($"onTimeoutCancel: {Defer.SuccessResultOf(ping)}");
#endregion

#region async-timeout
// In an async Deferred method the TimeoutError surfaces at the await, where try/catch handles it.
async Deferred<string> FetchWithFallback(Deferred<string> fetch)
{
    try
    {
        return await fetch.AddTimeout(TimeSpan.FromSeconds(2), clock);
    }
    catch (TimeoutError)
    {
        return "fallback";
    }
}

var never = new Deferred<string>();
var fetched = FetchWithFallback(never);
clock.Advance(2);
Console.WriteLine($"async method after timeout: {Defer.SuccessResultOf(fetched)}");
#endregion
