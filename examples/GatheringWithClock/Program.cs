// Gathering in a test: GatherResults over DeferLater calls on a Clock. Nothing happens until the test
// advances the clock, so every intermediate state can be checked — no sleeps, no flakiness.
// The #region blocks are quoted by docs/deferreds.md.
using Deferreds;

#region gather
var clock = new Clock();

// Three lookups that finish after 1, 2 and 3 seconds of (fake) time.
Deferred<string> Lookup(string name, int seconds) =>
    Defer.DeferLater(clock, TimeSpan.FromSeconds(seconds), () => $"{name}'s profile");

var all = Defer.GatherResults([Lookup("alice", 1), Lookup("bob", 2), Lookup("carol", 3)]);

for (var step = 1; step <= 3; step++)
{
    Defer.AssertNoResult(all);                     // throws DeferredAssertionException if it has fired
    clock.Advance(1);
    Console.WriteLine($"t={clock.Seconds()}s, pending calls: {clock.GetDelayedCalls().Count}");
}

IReadOnlyList<string> profiles = Defer.SuccessResultOf(all); // throws unless it succeeded; consumes the result
Console.WriteLine($"gathered, in input order: {string.Join(", ", profiles)}");
#endregion

#region gather-failure
// One failing member fails the gather with FirstError (which member, and its failure) as soon as it fails.
var clock2 = new Clock();
var ok = Defer.DeferLater(clock2, TimeSpan.FromSeconds(1), () => "ok");
var broken = Defer.DeferLater(clock2, TimeSpan.FromSeconds(2), string () => throw new TimeoutException("db down"));
var slow = Defer.DeferLater(clock2, TimeSpan.FromSeconds(5), () => "slow");
var gathered = Defer.GatherResults([ok, broken, slow], consumeErrors: true);

clock2.Pump([1, 1]);                               // advance in steps: t=1, then t=2
var failure = Defer.FailureResultOf(gathered, typeof(FirstError));
var first = (FirstError)failure.Value;
Console.WriteLine($"failed at t={clock2.Seconds()}s: member {first.Index}: {first.SubFailure.GetErrorMessage()}");
Defer.AssertNoResult(slow);                        // the other members keep running
clock2.Advance(3);
Console.WriteLine($"slow member still finished: {Defer.SuccessResultOf(slow)}");
#endregion
