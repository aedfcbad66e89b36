using System.Collections.Concurrent;
using System.Reflection;

namespace Deferreds.Context;

/// <summary>
/// Turns what a function passed to <see cref="LogContext.RunInBackground{T}(Func{T})"/> returned into a
/// Deferred, using only public Deferred operations. Stands in until the core library offers <c>Defer.FromTask</c>.
/// </summary>
internal static class AwaitableConverter
{
    private static readonly ConcurrentDictionary<Type, Func<Task, object?>> s_resultGetters = new();

    public static Deferred ToDeferred<T>(T value) => value switch
    {
        Deferred deferred => deferred,
        Task task => FromTask(task),
        ValueTask valueTask => FromTask(valueTask.AsTask()),
        _ when value is not null && IsGenericValueTask(value.GetType()) => FromTask(ValueTaskAsTask(value)),
        _ => Defer.Succeed(value),
    };

    private static Deferred FromTask(Task task)
    {
        if (task.IsCompleted)
        {
            return Completed(task);
        }
        var deferred = new Deferred();
        task.ContinueWith(
            static (finished, state) =>
            {
                var target = (Deferred)state!;
                var result = Completed(finished);
                result.AddBoth(outcome =>
                {
                    if (outcome is Failure failure)
                    {
                        target.Errback(failure);
                        return null;
                    }
                    target.Callback(outcome);
                    return null;
                });
            },
            deferred,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return deferred;
    }

    private static Deferred Completed(Task task)
    {
        try
        {
            task.GetAwaiter().GetResult();
        }
#pragma warning disable CA1031 // The task's exception, whatever it is, becomes the Deferred's failure.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return Defer.Fail(exception);
        }
        return Defer.Succeed(s_resultGetters.GetOrAdd(task.GetType(), ResultGetterFor)(task));
    }

    private static Func<Task, object?> ResultGetterFor(Type taskType)
    {
        for (var type = taskType; type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Task<>))
            {
                var property = type.GetProperty(nameof(Task<int>.Result))!;
                // An `async Task` method's task is a Task<VoidTaskResult> inside the runtime: it has no result.
                if (property.PropertyType.Name == "VoidTaskResult")
                {
                    return static _ => null;
                }
                return task => property.GetValue(task);
            }
        }
        return static _ => null;
    }

    private static bool IsGenericValueTask(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ValueTask<>);

    private static Task ValueTaskAsTask(object valueTask) =>
        (Task)valueTask.GetType().GetMethod(nameof(ValueTask.AsTask), BindingFlags.Public | BindingFlags.Instance)!.Invoke(valueTask, null)!;
}
