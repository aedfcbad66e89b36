using System.Collections;

namespace Deferreds.Context;

/// <summary>
/// The scope values a <see cref="LoggingContext"/> adds to each log record: <c>LoggingContext</c> (its name)
/// and <c>RequestId</c>. One per context, read at log time, so <see cref="LoggingContext.Request"/> may change.
/// </summary>
internal sealed class LoggingContextScope(LoggingContext context) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public const string ContextKey = "LoggingContext";
    public const string RequestIdKey = "RequestId";

    public int Count => 2;

    public KeyValuePair<string, object?> this[int index] => index switch
    {
        0 => new(ContextKey, context.Name),
        1 => new(RequestIdKey, context.Request?.RequestId),
        _ => throw new ArgumentOutOfRangeException(nameof(index), index, "A logging context scope has two values: index 0 or 1."),
    };

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return this[0];
        yield return this[1];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => context.Request is { } request
        ? $"{ContextKey}:{context.Name} {RequestIdKey}:{request.RequestId}"
        : $"{ContextKey}:{context.Name}";
}
