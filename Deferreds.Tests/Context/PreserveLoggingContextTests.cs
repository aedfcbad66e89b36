using Deferreds.Context;
using Deferreds.Tests.Context.Support;

namespace Deferreds.Tests.Context;

public sealed class PreserveLoggingContextTests : LogContextTestBase
{
    public PreserveLoggingContextTests()
        : base(strict: false)
    {
    }

    [Fact]
    public void Default_ClearsToSentinel_RestoresAfter()
    {
        using (new LoggingContext("foo").Enter())
        {
            using (new PreserveLoggingContext())
            {
                Check("sentinel");
            }
            Check("foo");
        }
        Assert.Empty(Log.Records);
    }

    [Fact]
    public void GivenContext_ActivatesWithoutFinishing()
    {
        var context = new LoggingContext("bg");
        using (new PreserveLoggingContext(context))
        {
            Check("bg");
        }
        Check("sentinel");
        Assert.False(context.Finished);
        using (new PreserveLoggingContext(context))
        {
            Check("bg");
        }
        Assert.Empty(Log.Records);
    }

    [Fact]
    public void Dispose_BlockLostContext_WarnsNamingNewContext()
    {
        var context = new LoggingContext("bg");
        using (new LoggingContext("foo").Enter())
        {
            using (new PreserveLoggingContext(context))
            {
                LogContext.SetCurrent(LogContext.Sentinel);
            }
            Check("foo");
        }
        Assert.Equal(["Expected logging context bg was lost"], Log.Messages);
    }

    [Fact]
    public void Dispose_BlockLeftOtherContext_WarnsButFound()
    {
        using (new PreserveLoggingContext())
        {
            LogContext.SetCurrent(new LoggingContext("stray"));
        }
        Check("sentinel");
        Assert.Equal(["Expected logging context sentinel but found stray"], Log.Messages);
    }

    [Fact]
    public void Dispose_Twice_RestoresOnce()
    {
        using (new LoggingContext("foo").Enter())
        {
            var preserve = new PreserveLoggingContext();
            Check("sentinel");
            preserve.Dispose();
            Check("foo");
            using (new LoggingContext("bar").Enter())
            {
                preserve.Dispose();
                Check("bar");
            }
            Check("foo");
        }
    }
}
