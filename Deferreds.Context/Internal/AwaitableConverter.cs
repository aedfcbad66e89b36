using System.Reflection;

namespace Deferreds.Context;

/// <summary>
/// What <see cref="LogContext.RunInBackground{T}(Func{T})"/> does with a function's return value, as Synapse
/// does with other awaitables: a Deferred as is; a <see cref="Task"/>, <see cref="Task{TResult}"/>,
/// <see cref="ValueTask"/> or <see cref="ValueTask{TResult}"/> through <see cref="Defer.FromTask(Task)"/>;
/// any other value as an already-fired Deferred. The choice is made once per static type.
/// </summary>
internal static class AwaitableConverter
{
    public static Deferred ToDeferred<T>(T value) => value is Deferred deferred ? deferred : ConverterFor<T>.Convert(value);

    private static class ConverterFor<T>
    {
        public static readonly Func<T, Deferred> Convert = Build();

        private static Func<T, Deferred> Build()
        {
            var type = typeof(T);
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Task<>))
            {
                return Generic(nameof(FromGenericTask), type.GetGenericArguments()[0]);
            }
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ValueTask<>))
            {
                return Generic(nameof(FromGenericValueTask), type.GetGenericArguments()[0]);
            }
            if (type == typeof(ValueTask))
            {
                return value => Defer.FromTask(((ValueTask)(object)value!).AsTask());
            }
            if (typeof(Task).IsAssignableFrom(type))
            {
                return value => value is null ? Defer.Succeed(null) : Defer.FromTask((Task)(object)value);
            }
            return value => value is Task task ? Defer.FromTask(task) : Defer.Succeed(value);
        }

        private static Func<T, Deferred> Generic(string method, Type result) =>
            (Func<T, Deferred>)typeof(AwaitableConverter)
                .GetMethod(method, BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(result)
                .CreateDelegate<Func<T, Deferred>>();
    }

    private static Deferred<TResult> FromGenericTask<TResult>(Task<TResult> task) => Defer.FromTask(task);

    private static Deferred<TResult> FromGenericValueTask<TResult>(ValueTask<TResult> task) => Defer.FromTask(task.AsTask());
}
