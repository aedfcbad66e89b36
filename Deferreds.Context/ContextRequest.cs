namespace Deferreds.Context;

/// <summary>
/// The facts about a request that a <see cref="LoggingContext"/> carries (Synapse's <c>ContextRequest</c>),
/// copied from the request so the context never holds the request object itself.
/// </summary>
/// <param name="RequestId">The request's id, written on every log record made in the context.</param>
/// <param name="IpAddress">The client's address.</param>
/// <param name="SiteTag">The listener ("site") that received the request.</param>
/// <param name="Requester">Who made the request, once known.</param>
/// <param name="AuthenticatedEntity">The entity the request authenticated as, once known.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Url">The request URL (redacted as the caller sees fit).</param>
/// <param name="Protocol">The protocol, e.g. <c>HTTP/1.1</c>.</param>
/// <param name="UserAgent">The client's user agent.</param>
public sealed record ContextRequest(
    string RequestId,
    string? IpAddress = null,
    string? SiteTag = null,
    string? Requester = null,
    string? AuthenticatedEntity = null,
    string? Method = null,
    string? Url = null,
    string? Protocol = null,
    string? UserAgent = null);
