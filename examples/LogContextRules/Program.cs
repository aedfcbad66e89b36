// Synapse's "Log Contexts" rules, one runnable section each (docs/log-contexts.md quotes these files).
// `dotnet run --project examples/LogContextRules` runs them all; name sections to run only those.
// Every line shows [the context it is logged against]; each section checks it got the seed's answer.
using Deferreds.Context;
using LogContextRules.Sections;
using LogContextRules.Support;

(string Name, Action Run)[] sections =
[
    (nameof(LinearCase), LinearCase.Run),
    (nameof(AwaitingInUsing), AwaitingInUsing.Run),
    (nameof(AlwaysAwait), AlwaysAwait.Run),
    (nameof(NonCompliantDeferreds), NonCompliantDeferreds.Run),
    (nameof(FireAndForget), FireAndForget.Run),
    (nameof(Gathering), Gathering.Run),
    (nameof(FiringDeferreds), FiringDeferreds.Run),
    (nameof(AbandonedChain), AbandonedChain.Run),
];

var unknown = args.Where(a => !sections.Any(s => s.Name.Equals(a, StringComparison.OrdinalIgnoreCase))).ToArray();
if (unknown.Length > 0)
{
    Console.Error.WriteLine($"Unknown section {string.Join(", ", unknown)}. Choose from: {string.Join(", ", sections.Select(s => s.Name))}");
    return 2;
}
var chosen = args.Length == 0 ? sections : sections.Where(s => args.Contains(s.Name, StringComparer.OrdinalIgnoreCase));

LogContext.Logger = Log.Warnings;                  // misuse reports (warnings, never thrown) go to the console
foreach (var (name, run) in chosen)
{
    Console.WriteLine(name);
    FakeReactor.Reset();
    run();
    LogContext.AssertSentinel();                   // as Synapse's test harness: nothing may leak out of a section
}
return 0;
