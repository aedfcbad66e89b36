using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Deferreds.Context;

/// <summary>Wires log contexts into Microsoft.Extensions.Logging.</summary>
public static class LoggingContextLoggingBuilderExtensions
{
    /// <summary>
    /// Makes every record logged while a <see cref="LoggingContext"/> is current carry its name and request id
    /// as scope values (<c>LoggingContext</c>, <c>RequestId</c>), with no per-call code, by registering a
    /// <see cref="LoggingContextScopeProvider"/> as the factory's <see cref="IExternalScopeProvider"/>.
    /// Providers that print scopes (e.g. the console with <c>IncludeScopes = true</c>) show them;
    /// <c>BeginScope</c> keeps working.
    /// </summary>
    /// <param name="builder">The logging builder.</param>
    /// <returns><paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static ILoggingBuilder AddLoggingContext(this ILoggingBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<IExternalScopeProvider>(new LoggingContextScopeProvider()));
        return builder;
    }
}
