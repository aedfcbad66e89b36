namespace Deferreds.CompilerServices;

/// <summary>The non-generic face of <see cref="AsyncDeferredBox{T}"/> that the shared chain invokers call.</summary>
internal interface IAsyncDeferredBox
{
    /// <summary>The awaited Deferred fired: run the method on (its result is read by the awaiter's GetResult).</summary>
    void Resume();

    /// <summary>The method's Deferred (or the Deferred that replaced it after a cancellation) was cancelled; returns its new result.</summary>
    object? OnCancelled();
}
