namespace Deferreds;

public static partial class Defer
{
    /// <summary>
    /// Adapts a <see cref="Task"/> to a Deferred (Twisted's <c>fromFuture</c>): it fires with null when the
    /// Task succeeds, fails with the Task's exception when it faults (an <see cref="AggregateException"/> only
    /// when it holds several), and fails with <see cref="CancelledError"/> when the Task is canceled.
    /// </summary>
    /// <remarks>
    /// A completed Task fires the Deferred at once. Otherwise the Deferred fires like code after
    /// <c>await task</c> would run: on the <see cref="SynchronizationContext"/> (or non-default
    /// <see cref="TaskScheduler"/>) current at this call, such as the reactor's; with none, on the thread that
    /// completed the Task. A Task cannot be cancelled from outside, so <see cref="Deferred.Cancel"/> on the
    /// returned Deferred fails it with <see cref="CancelledError"/> at once and the Task's later outcome is
    /// ignored (pass a <see cref="CancellationToken"/> to the work that produces the Task to stop it).
    /// </remarks>
    /// <param name="task">The Task.</param>
    /// <returns>A Deferred for the Task's outcome.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="task"/> is null.</exception>
    public static Deferred FromTask(Task task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var deferred = new Deferred();
        Settle(task, deferred, static _ => null);
        return deferred;
    }

    /// <summary>Adapts a <see cref="Task{TResult}"/> to a typed Deferred; same semantics as <see cref="FromTask(Task)"/>.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="task">The Task.</param>
    /// <returns>A Deferred for the Task's outcome.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="task"/> is null.</exception>
    public static Deferred<T> FromTask<T>(Task<T> task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var deferred = new Deferred<T>();
        Settle(task, deferred, static completed => ((Task<T>)completed).Result);
        return deferred;
    }

    private static void Settle(Task task, Deferred deferred, Func<Task, object?> getResult)
    {
        if (task.IsCompleted)
        {
            Fire(task, deferred, getResult);
            return;
        }
        task.ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.SuppressThrowing)
            .GetAwaiter()
            .UnsafeOnCompleted(() => Fire(task, deferred, getResult));
    }

    private static void Fire(Task task, Deferred deferred, Func<Task, object?> getResult)
    {
        if (deferred.Called)
        {
            // Cancelled meanwhile: the outcome is ignored (reading Exception still marks a fault observed).
            _ = task.Exception;
            return;
        }
        if (task.IsCanceled)
        {
            deferred.Errback(new CancelledError("The Task was canceled.", CanceledException(task)));
        }
        else if (task.Exception is { } aggregate)
        {
            deferred.Errback(aggregate.InnerExceptions.Count == 1 ? aggregate.InnerExceptions[0] : aggregate);
        }
        else
        {
            deferred.Callback(getResult(task));
        }
    }

    private static OperationCanceledException CanceledException(Task task)
    {
        try
        {
            task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException exception)
        {
            return exception;
        }
        return new TaskCanceledException(task);
    }
}
