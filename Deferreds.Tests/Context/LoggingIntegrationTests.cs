using Deferreds.Context;
using Microsoft.Extensions.Logging;

namespace Deferreds.Tests.Context;

public sealed class LoggingIntegrationTests
{
    private sealed class ScopeCapturingProvider : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider? _scopes;

        public List<(string Message, List<object?> Scopes)> Records { get; } = [];

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(ScopeCapturingProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes?.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var scopes = new List<object?>();
                owner._scopes?.ForEachScope((scope, list) => list.Add(scope), scopes);
                owner.Records.Add((formatter(state, exception), scopes));
            }
        }
    }

    private static (ILogger Logger, ScopeCapturingProvider Provider, ILoggerFactory Factory) Create()
    {
        var provider = new ScopeCapturingProvider();
        var factory = LoggerFactory.Create(builder => builder.AddProvider(provider).AddLoggingContext());
        return (factory.CreateLogger("test"), provider, factory);
    }

    private static Dictionary<string, object?> Values(object? scope) =>
        Assert.IsAssignableFrom<IEnumerable<KeyValuePair<string, object?>>>(scope).ToDictionary(p => p.Key, p => p.Value);

    [Fact]
    public void AddLoggingContext_RecordInContext_CarriesNameAndRequestId()
    {
        var (logger, provider, factory) = Create();
        using (factory)
        {
            using (new LoggingContext("GET-42", request: new ContextRequest("req-42")).Enter())
            {
                logger.LogInformation("phew");
            }
        }
        var (message, scopes) = Assert.Single(provider.Records);
        Assert.Equal("phew", message);
        var values = Values(Assert.Single(scopes));
        Assert.Equal("GET-42", values["LoggingContext"]);
        Assert.Equal("req-42", values["RequestId"]);
        Assert.Equal("LoggingContext:GET-42 RequestId:req-42", scopes[0]!.ToString());
    }

    [Fact]
    public void AddLoggingContext_Sentinel_NoContextScope()
    {
        var (logger, provider, factory) = Create();
        using (factory)
        {
            logger.LogInformation("reactor");
        }
        Assert.Empty(Assert.Single(provider.Records).Scopes);
    }

    [Fact]
    public void AddLoggingContext_BeginScope_StillWorksAfterContextScope()
    {
        var (logger, provider, factory) = Create();
        using (factory)
        {
            using (new LoggingContext("ctx").Enter())
            using (logger.BeginScope("user scope"))
            {
                logger.LogInformation("inside");
            }
            logger.LogInformation("outside");
        }
        var inside = provider.Records[0].Scopes;
        Assert.Equal(2, inside.Count);
        Assert.Equal("ctx", Values(inside[0])["LoggingContext"]);
        Assert.Null(Values(inside[0])["RequestId"]);
        Assert.Equal("user scope", inside[1]);
        Assert.Empty(provider.Records[1].Scopes);
    }

    [Fact]
    public void AddLoggingContext_ContextSwitchesBetweenRecords_EachRecordGetsItsOwn()
    {
        var (logger, provider, factory) = Create();
        using (factory)
        {
            var a = new LoggingContext("a");
            var b = new LoggingContext("b");
            using (new PreserveLoggingContext(a))
            {
                logger.LogInformation("1");
                using (new PreserveLoggingContext(b))
                {
                    logger.LogInformation("2");
                }
                a.Request = new ContextRequest("late");
                logger.LogInformation("3");
            }
        }
        Assert.Equal(["a", "b", "a"], provider.Records.Select(r => Values(r.Scopes[0])["LoggingContext"]));
        Assert.Equal("late", Values(provider.Records[2].Scopes[0])["RequestId"]);
    }
}
