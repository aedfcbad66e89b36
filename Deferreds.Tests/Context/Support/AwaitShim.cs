using System.Runtime.CompilerServices;

namespace Deferreds.Tests.Context.Support;

/// <summary>
/// Lets test bodies written as <c>async Task</c> await Deferreds until the core library's awaiter and
/// <c>async Deferred</c> builder are on main: the continuation runs synchronously inside the Deferred's
/// callback chain, as the real awaiter's does. Instance GetAwaiter methods take precedence over these.
/// </summary>
internal static class AwaitShim
{
    public static DeferredAwaiter GetAwaiter(this Deferred deferred) => new(deferred);

    /// <summary>Twisted's ensureDeferred for a Task: a Deferred fired (synchronously, inline) when the task completes.</summary>
    public static Deferred EnsureDeferred(Task task)
    {
        var deferred = new Deferred();
        task.ContinueWith(
            t =>
            {
                if (t.Exception is { } e)
                {
                    deferred.Errback(e.InnerException!);
                }
                else if (t.IsCanceled)
                {
                    deferred.Errback(new CancelledError());
                }
                else
                {
                    deferred.Callback(null);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return deferred;
    }

    internal sealed class DeferredAwaiter(Deferred deferred) : INotifyCompletion
    {
        private object? _result;
        private bool _hasResult;

        public bool IsCompleted => deferred.Called && !deferred.Paused;

        public void OnCompleted(Action continuation) => deferred.AddBoth(result =>
        {
            _result = result;
            _hasResult = true;
            continuation();
            return result is Failure ? null : result;
        });

        public object? GetResult()
        {
            var result = _hasResult ? _result : deferred.Result;
            if (result is Failure failure)
            {
                if (!_hasResult)
                {
                    deferred.AddErrback(_ => null);
                }
                failure.RaiseException();
            }
            return result;
        }
    }
}
