// Porting an @inlineCallbacks function to an `async Deferred<T>` method, cancellation included.
// The #region blocks are quoted by docs/deferreds.md.
using Deferreds;

var clock = new Clock();
var store = new ProfileStore(clock);

#region run
// Like inlineCallbacks, the method runs synchronously up to its first unfired await and returns its Deferred.
var name = FetchDisplayName(store, clock, "@alice:example.org");
Console.WriteLine($"returned: {name}");            // no result yet: waiting on the store
clock.Advance(1);                                  // the profile arrives; the method now waits on the rate limit
clock.Advance(0.5);                                // ... then on the display name
clock.Advance(1);
Console.WriteLine($"display name: {Defer.SuccessResultOf(name)}");

// When everything it awaits has already fired (an offline store answers at once: no profile), the method
// completes synchronously and returns an already-fired Deferred.
var cached = FetchDisplayName(new ProfileStore(clock: null), clock, "@bob:example.org");
Console.WriteLine($"synchronous completion: Called={cached.Called}, {Defer.SuccessResultOf(cached)}");
#endregion

#region cancel
// Cancel() on the method's Deferred cancels the Deferred the method is awaiting (here the DeferLater,
// whose timer is cancelled); the CancelledError is thrown at that await. The method does not catch it, so
// its `finally` runs and its Deferred fails with it — as cancelling an inlineCallbacks Deferred does.
var cancelled = FetchDisplayName(store, clock, "@carol:example.org");
clock.Advance(1);                                  // now awaiting the rate-limit DeferLater
cancelled.Cancel();
Console.WriteLine($"after Cancel(): {Defer.FailureResultOf(cancelled, typeof(CancelledError)).Type.Name}");
#endregion

#region cancel-caught
// A method may catch the CancelledError at its await and carry on: then its Deferred gets what it returns.
// Cancelling the outer method cancels the inner one it awaits, and so on down to the store's query.
var tolerant = DisplayNameOrDefault(store, clock, "@dave:example.org");
tolerant.Cancel();
Console.WriteLine($"caught cancellation: {Defer.SuccessResultOf(tolerant)}");
#endregion

clock.Advance(10);                                 // drain the store's remaining timers

#region port
// The Twisted original (Python):
//
//   @defer.inlineCallbacks
//   def fetch_display_name(store, clock, user_id):
//       profile = yield store.get_profile(user_id)
//       if profile is None:
//           return user_id
//       try:
//           yield task.deferLater(clock, 0.5, lambda: None)  # be gentle with the store
//           name = yield store.get_display_name(profile)
//       except KeyError:
//           name = user_id
//       finally:
//           print("lookup finished for", user_id)
//       return name.upper()
//
// The C# port: `yield d` becomes `await d`, `return` (or returnValue) becomes `return`, and the typed
// Deferreds make the results typed. Exceptions from a failed Deferred are thrown at the await, as the
// yield raised them.
static async Deferred<string> FetchDisplayName(ProfileStore store, Clock clock, string userId)
{
    var profile = await store.GetProfile(userId);
    if (profile is null)
    {
        return userId;
    }
    string name;
    try
    {
        await Defer.DeferLater(clock, TimeSpan.FromSeconds(0.5));
        name = await store.GetDisplayName(profile);
    }
    catch (KeyNotFoundException)
    {
        name = userId;
    }
    finally
    {
        Console.WriteLine($"  lookup finished for {userId}");
    }
    return name.ToUpperInvariant();
}
#endregion

static async Deferred<string> DisplayNameOrDefault(ProfileStore store, Clock clock, string userId)
{
    try
    {
        return await FetchDisplayName(store, clock, userId);
    }
    catch (CancelledError)
    {
        return "(unknown)";
    }
}

/// <summary>A fake store: answers after a second of clock time; offline (no clock) it knows no profiles.</summary>
internal sealed class ProfileStore(Clock? clock)
{
    public Deferred<string?> GetProfile(string userId) =>
        clock is null ? Defer.Succeed<string?>(null) : Answer<string?>($"profile:{userId}");

    public Deferred<string> GetDisplayName(string profile) => Answer(profile.Split(':')[1].TrimStart('@'));

    private Deferred<T> Answer<T>(T value)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var d = new Deferred<T>(canceller: _ => Console.WriteLine("  store: query cancelled"));
        clock.CallLater(1, () =>
        {
            if (!d.Called)
            {
                d.Callback(value);
            }
        });
        return d;
    }
}
