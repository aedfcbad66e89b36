using Deferreds.Context;
using Deferreds.Tests.Context.Support;

namespace Deferreds.Tests.Context;

public sealed class ResourceUsageTests : LogContextTestBase
{
    private double _user;
    private double _system;

    public ResourceUsageTests()
        : base(strict: false)
    {
        LogContext.CpuTimeSource = () => new ThreadCpuTime(_user, _system);
    }

    private void Spend(double user, double system)
    {
        _user += user;
        _system += system;
    }

    [Fact]
    public void Arithmetic_FieldWise_CopyAndReset()
    {
        var a = new ResourceUsage { RuUtime = 1, RuStime = 2, DbTxnCount = 3, DbTxnDurationSec = 4, DbSchedDurationSec = 5, EvtDbFetchCount = 6 };
        var sum = a + a;
        Assert.Equal((2.0, 4.0, 6L, 8.0, 10.0, 12L), (sum.RuUtime, sum.RuStime, sum.DbTxnCount, sum.DbTxnDurationSec, sum.DbSchedDurationSec, sum.EvtDbFetchCount));
        var difference = sum - a;
        Assert.Equal(a.ToString(), difference.ToString());
        Assert.Equal("ResourceUsage(RuUtime=1, RuStime=2, DbTxnCount=3, DbTxnDurationSec=4, DbSchedDurationSec=5, EvtDbFetchCount=6)", a.ToString());
        var copy = a.Copy();
        copy.Reset();
        Assert.Equal(0, copy.DbTxnCount);
        Assert.Equal(3, a.DbTxnCount);
    }

    [Fact]
    public void CpuTime_ChargedOnEachSwitch_ToContextAndParents()
    {
        var parent = new LoggingContext("parent");
        LoggingContext child;
        Spend(1, 1);
        using (parent.Enter())
        {
            Spend(0.5, 0.25);
            // Built inside, so that its exit restores the parent (PreviousContext is taken at construction).
            child = new LoggingContext("child", parentContext: parent);
            using (child.Enter())
            {
                Spend(2, 1);
            }
            Assert.Equal(2, child.GetResourceUsage().RuUtime);
            Assert.Equal(1, child.GetResourceUsage().RuStime);
            // The parent is charged as the child stops, not only when it exits.
            Assert.Equal(2.5, parent.GetResourceUsage().RuUtime);
            Spend(0.25, 0);
        }
        Spend(10, 10);
        var usage = parent.GetResourceUsage();
        Assert.Equal(2.75, usage.RuUtime);
        Assert.Equal(1.25, usage.RuStime);
        Assert.Equal(0, LogContext.Sentinel.GetResourceUsage().RuUtime);
        Assert.Empty(Log.Records);
    }

    [Fact]
    public void GetResourceUsage_WhileActive_IncludesRunningTimeWithoutCommitting()
    {
        using var context = new LoggingContext("c").Enter();
        Spend(3, 0);
        Assert.Equal(3, context.GetResourceUsage().RuUtime);
        Assert.Equal(3, context.GetResourceUsage().RuUtime);
    }

    [Fact]
    public void CpuTime_GoingBackwards_LoggedAndClamped()
    {
        using (var context = new LoggingContext("c").Enter())
        {
            Spend(-1, 0);
        }
        Assert.Contains(Log.Records, r => r.Level == Microsoft.Extensions.Logging.LogLevel.Error && r.Message.StartsWith("utime went backwards!", StringComparison.Ordinal));
    }

    [Fact]
    public void CpuTime_SourceOff_NothingChargedNoWarning()
    {
        LogContext.CpuTimeSource = null;
        var context = new LoggingContext("c");
        using (context.Enter())
        {
            Spend(5, 5);
        }
        Assert.Equal(0, context.GetResourceUsage().RuUtime);
        Assert.Empty(Log.Records);
    }

    [Fact]
    public void CpuTime_SourceTurnedOnWhileActive_NoSpuriousWarning()
    {
        LogContext.CpuTimeSource = null;
        var context = new LoggingContext("c");
        using (context.Enter())
        {
            LogContext.CpuTimeSource = () => new ThreadCpuTime(_user, _system);
            Spend(5, 5);
        }
        Assert.Empty(Log.Records);
        Assert.Equal(0, context.GetResourceUsage().RuUtime);
    }

    [Fact]
    public void DatabaseCounters_AddedUpTheParents_NegativeRejected()
    {
        var parent = new LoggingContext("parent");
        var child = new LoggingContext("child", parentContext: parent);
        child.AddDatabaseTransaction(0.5);
        child.AddDatabaseScheduled(0.25);
        child.RecordEventFetch(7);
        parent.AddDatabaseTransaction(1);
        var usage = parent.GetResourceUsage();
        Assert.Equal((2L, 1.5, 0.25, 7L), (usage.DbTxnCount, usage.DbTxnDurationSec, usage.DbSchedDurationSec, usage.EvtDbFetchCount));
        Assert.Equal(1, child.GetResourceUsage().DbTxnCount);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => child.AddDatabaseTransaction(-1));
        Assert.StartsWith("DB txn time can only be non-negative", error.Message, StringComparison.Ordinal);
        error = Assert.Throws<ArgumentOutOfRangeException>(() => child.AddDatabaseScheduled(-1));
        Assert.StartsWith("DB scheduling time can only be non-negative", error.Message, StringComparison.Ordinal);
        LogContext.Sentinel.AddDatabaseTransaction(1);
        Assert.Equal(0, LogContext.Sentinel.GetResourceUsage().DbTxnCount);
    }

    [Fact]
    public void ThreadCpuTime_OnLinux_MeasuresRealWork()
    {
        Assert.Equal(OperatingSystem.IsLinux(), ThreadCpuTime.IsSupported);
        if (!ThreadCpuTime.IsSupported)
        {
            Assert.Null(ThreadCpuTime.Read());
            return;
        }
        LogContext.CpuTimeSource = ThreadCpuTime.Read;
        var parent = new LoggingContext("parent");
        LoggingContext child;
        using (parent.Enter())
        {
            using (child = new LoggingContext("child", parentContext: parent).Enter())
            {
                var start = ThreadCpuTime.Read()!.Value;
                var x = 0.0;
                while (ThreadCpuTime.Read()!.Value.UserSeconds + ThreadCpuTime.Read()!.Value.SystemSeconds - start.UserSeconds - start.SystemSeconds < 0.02)
                {
                    x += Math.Sqrt(x + 1);
                }
                Assert.True(x > 0);
            }
        }
        var childUsage = child.GetResourceUsage();
        var parentUsage = parent.GetResourceUsage();
        Assert.True(childUsage.RuUtime + childUsage.RuStime >= 0.02, childUsage.ToString());
        Assert.True(parentUsage.RuUtime + parentUsage.RuStime >= childUsage.RuUtime + childUsage.RuStime, parentUsage.ToString());
    }
}
