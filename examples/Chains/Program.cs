// The callback chain, step by step: result passing, the errback path, chaining a returned Deferred, pause,
// cancel, ChainDeferred and typed handles. Each part prints what happens; nothing here waits on time.
// The #region blocks are quoted by docs/deferreds.md.
using Deferreds;

#region result-passing
// Each callback's return value is the next callback's input. Firing runs the chain synchronously.
var d = new Deferred();
_ = d.AddCallback(x => (int)x! + 1)
     .AddCallback(x => (int)x! * 10)
     .AddCallback(x => { Console.WriteLine($"result passing: {x}"); return x; });
d.Callback(1);                                     // prints "result passing: 20" before Callback returns
Console.WriteLine(d);                              // <Deferred at 0x… current result: 20>
#endregion

#region errback-path
// A callback that throws puts a Failure on the chain: callbacks are skipped until an errback handles it.
// An errback that returns a value puts the chain back on the callback path; one that throws (or returns
// the Failure) keeps it on the errback path.
var lookup = new Deferred();
_ = lookup.AddCallback(_ => throw new KeyNotFoundException("no such user"))
          .AddCallback(_ => { Console.WriteLine("never printed: skipped on the errback path"); return null; })
          .AddErrback(failure =>
          {
              failure.Trap(typeof(KeyNotFoundException));   // anything else is re-thrown and stays a failure
              Console.WriteLine($"errback: {failure.GetErrorMessage()}, recovering");
              return "guest";
          })
          .AddCallback(user => { Console.WriteLine($"back on the callback path with {user}"); return user; });
lookup.Callback("bob");
#endregion

#region chaining
// A callback that returns a Deferred makes the outer chain wait for it and continue with its result.
var inner = new Deferred();
var outer = new Deferred();
_ = outer.AddCallback(_ => inner)
         .AddCallback(x => { Console.WriteLine($"outer continues with the inner result: {x}"); return x; });
outer.Callback("ignored");
Console.WriteLine($"outer.Called={outer.Called} outer.Paused={outer.Paused}: {outer}"); // waiting on Deferred at 0x…
inner.Callback("from inner");
#endregion

#region pause
// Pause holds the callbacks (even after firing) until Unpause; calls are counted.
var paused = new Deferred();
paused.Pause();
_ = paused.AddCallback(x => { Console.WriteLine($"after unpause: {x}"); return x; });
paused.Callback("held");
Console.WriteLine($"fired while paused, callbacks held: Called={paused.Called} Paused={paused.Paused}");
paused.Unpause();
#endregion

#region cancel
// Cancel() calls the canceller, which should stop the work; if it does not fire the Deferred itself, the
// Deferred fails with CancelledError. Without a canceller, the late real result is then swallowed once.
var request = new Deferred(canceller: _ => Console.WriteLine("canceller: stopping the request"));
_ = request.AddErrback(failure =>
{
    failure.Trap(typeof(CancelledError));
    Console.WriteLine("errback: the request was cancelled");
    return null;
});
request.Cancel();

var noCanceller = new Deferred();
noCanceller.Cancel();
noCanceller.Callback("late result");               // swallowed: no AlreadyCalledError the first time
Console.WriteLine($"late result swallowed: {Defer.FailureResultOf(noCanceller, typeof(CancelledError)).Type.Name}");
#endregion

#region chain-deferred
// ChainDeferred forwards this chain's current result (value or failure) into another Deferred.
var source = new Deferred();
var target = new Deferred();
_ = target.AddCallback(x => { Console.WriteLine($"target got: {x}"); return x; });
_ = source.ChainDeferred(target);
source.Callback("forwarded");
Console.WriteLine($"source now holds: {source.Result ?? "null"}"); // the chained Deferred consumed it
#endregion

#region typed-handles
// Deferred<T> is a typed handle. A type-changing AddCallback returns a Deferred<TOut> onto the SAME chain.
var count = new Deferred<int>();
Deferred<string> text = count.AddCallback(n => $"{n} messages");
_ = text.AddCallback(s => { Console.WriteLine($"typed: {s}"); return s; });
count.Callback(3);
Console.WriteLine($"same chain: count.Result={count.Result}");

// If an untyped callback changes the value's type under a typed handle, the next typed callback fails
// with InvalidCastException on the errback path; it never sees a wrong value.
var age = new Deferred<int>();
_ = ((Deferred)age).AddCallback(n => $"{n}");      // untyped: now the chain holds a string
_ = age.AddCallback(n => n + 1);
age.Callback(41);
Console.WriteLine($"typed callback after a type change: {Defer.FailureResultOf(age, typeof(InvalidCastException)).Type.Name}");

// On a Deferred<T> of a reference type, an errback recovering with null must say its type.
var name = new Deferred<string?>();
_ = name.AddErrback(_ => default(string));         // `_ => null` would be ambiguous (T or Deferred<T>)
name.Errback(new KeyNotFoundException());
Console.WriteLine($"recovered with null: {Defer.SuccessResultOf(name) is null}");
#endregion

#region await
// `await` on an unfired Deferred: the code after it runs inside the chain, synchronously, when the Deferred
// fires — before Callback returns — and the await consumes the result (later callbacks see null).
var later = new Deferred<int>();
var doubled = Double(later);
_ = later.AddBoth(r => { Console.WriteLine($"the next callback sees: {r ?? "null"}"); return r; });
later.Callback(21);                                // prints "awaited 21", then "the next callback sees: null"
Console.WriteLine($"Double: {Defer.SuccessResultOf(doubled)}");

// An already-fired Deferred completes the await at once and keeps its result.
var ready = Defer.Succeed(5);
Console.WriteLine($"awaited at once: {await ready}; it still holds {ready.Result}");

static async Deferred<int> Double(Deferred<int> d)
{
    var x = await d;
    Console.WriteLine($"awaited {x}");
    return x * 2;
}
#endregion

#region unhandled
// A Deferred garbage-collected while holding a Failure reports it once: through Defer.UnhandledError when
// something is subscribed, else to Defer.Logger, else to standard error ("Unhandled error in Deferred:").
Defer.UnhandledError += (_, e) => Console.WriteLine($"unhandled: {e.Failure.GetErrorMessage()}");
LoseAFailure();
GC.Collect();
GC.WaitForPendingFinalizers();                     // the report comes from the finalizer thread

[System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
static void LoseAFailure() => _ = Defer.Fail(new InvalidOperationException("nobody handled me"));
#endregion

#region debugging
// Defer.Debugging records where each Deferred was created and first fired; AlreadyCalledError then shows
// both (" C:" and " I:" lines). It costs a stack trace per Deferred: switch it on while hunting a double fire.
Defer.Debugging = true;
var twice = new Deferred();
twice.Callback("first");
try
{
    twice.Callback("second");
}
catch (AlreadyCalledError e)
{
    var lines = e.Message.Split(Environment.NewLine);
    Console.WriteLine($"{lines[0]} (+{lines.Count(l => l.StartsWith(" C:", StringComparison.Ordinal))} C: lines, " +
                      $"{lines.Count(l => l.StartsWith(" I:", StringComparison.Ordinal))} I: lines)");
}
Defer.Debugging = false;
#endregion
