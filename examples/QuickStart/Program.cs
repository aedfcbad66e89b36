// The README's first example: a callback chain, an errback that recovers, and chaining.
using Deferreds;

#region quickstart
var lookup = new Deferred();
_ = lookup.AddCallback(name => $"user:{name}")                            // result passing
          .AddCallback(key => key is "user:bob" ? throw new KeyNotFoundException(key.ToString()) : key)
          .AddErrback(failure => { failure.Trap(typeof(KeyNotFoundException)); return "guest"; })
          .AddCallback(user => Defer.Succeed($"{user} (profile loaded)"))      // a Deferred: the chain waits on it
          .AddCallback(profile => { Console.WriteLine(profile); return profile; });

lookup.Callback("bob");                                                   // the chain runs now, synchronously
Console.WriteLine(lookup);                                                // <Deferred at 0x… current result: "guest (profile loaded)">
#endregion
