using System.Runtime.CompilerServices;
using Deferreds.Tests.Twisted.TestDefer;

namespace Deferreds.Tests.Combinators;

/// <summary>
/// Which failures a combinator leaves to be reported at garbage collection (§2.9.4–5 of the reference):
/// members' failures without <c>consumeErrors</c> are reported, with it they are not; race consumes every input.
/// </summary>
[Collection("Global state")]
public sealed class CombinatorUnhandledErrorTests
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void GatherWithFailingMember(string marker, bool consumeErrors)
    {
        var good = new Deferred();
        var bad = new Deferred();
        var gather = Defer.GatherResults([good, bad], consumeErrors);
        ((Deferred)gather).AddErrback(_ => null); // the gather's own FirstError is handled
        bad.Errback(new InvalidOperationException(marker));
        good.Callback(1);
    }

    [Fact]
    [Trait("Twisted", "test_gatherResults")]
    public void GatherResults_WithoutConsumeErrors_MemberFailureReportedAtCollection()
    {
        const string Marker = "gather-unconsumed-7f3a";
        var reports = UnhandledErrorTests.CollectReports(Marker, () => GatherWithFailingMember(Marker, consumeErrors: false));
        Assert.IsType<InvalidOperationException>(Assert.Single(reports).Failure.Value);
    }

    [Fact]
    [Trait("Twisted", "test_gatherResultsWithConsumeErrors")]
    public void GatherResults_ConsumeErrors_NothingReported()
    {
        const string Marker = "gather-consumed-51c2";
        Assert.Empty(UnhandledErrorTests.CollectReports(Marker, () => GatherWithFailingMember(Marker, consumeErrors: true)));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void GatherFailingUnhandled(string marker)
    {
        var bad = new Deferred();
        Defer.GatherResults([bad], consumeErrors: true);
        bad.Errback(new InvalidOperationException(marker));
    }

    [Fact]
    public void GatherResults_OwnFirstErrorUnhandled_ReportedOnce()
    {
        const string Marker = "gather-firsterror-0b9d";
        var report = Assert.Single(UnhandledErrorTests.CollectReports(Marker, () => GatherFailingUnhandled(Marker)));
        var firstError = Assert.IsType<FirstError>(report.Failure.Value);
        Assert.Equal(Marker, firstError.SubFailure.GetErrorMessage());
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ListWithFailingMember(string marker, bool consumeErrors)
    {
        var bad = new Deferred();
        _ = new DeferredList([bad], consumeErrors: consumeErrors);
        bad.Errback(new InvalidOperationException(marker));
    }

    [Fact]
    [Trait("Twisted", "testDeferredListDontConsumeErrors")]
    public void DeferredList_WithoutConsumeErrors_MemberFailureReported()
    {
        const string Marker = "list-unconsumed-c41e";
        Assert.Single(UnhandledErrorTests.CollectReports(Marker, () => ListWithFailingMember(Marker, consumeErrors: false)));
    }

    [Fact]
    [Trait("Twisted", "testDeferredListConsumeErrors")]
    public void DeferredList_ConsumeErrors_NothingReported()
    {
        const string Marker = "list-consumed-9e07";
        Assert.Empty(UnhandledErrorTests.CollectReports(Marker, () => ListWithFailingMember(Marker, consumeErrors: true)));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RaceWithFailures(string marker)
    {
        var a = new Deferred();
        var b = new Deferred();
        var race = Defer.Race([a, b]);
        ((Deferred)race).AddErrback(_ => null); // the race's FailureGroup is handled
        a.Errback(new InvalidOperationException(marker));
        b.Errback(new InvalidOperationException(marker));
    }

    [Fact]
    public void Race_InputFailuresConsumed_NothingReported()
    {
        const string Marker = "race-consumed-2d88";
        Assert.Empty(UnhandledErrorTests.CollectReports(Marker, () => RaceWithFailures(Marker)));
    }
}
