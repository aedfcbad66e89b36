using Microsoft.Extensions.Logging;

namespace Deferreds;

/// <summary>Twisted's <c>twisted.internet.defer</c> module functions; <c>using static Deferreds.Defer;</c> reads like Python.</summary>
public static partial class Defer
{
    private static volatile bool s_debugging;

    /// <summary>
    /// Twisted's <c>setDebugging</c>: while on, each new Deferred records where it was created and each first
    /// Callback/Errback where it was called, and <see cref="AlreadyCalledError"/> and unhandled-error reports
    /// carry both stacks. Costly; for tracking down double fires.
    /// </summary>
    public static bool Debugging
    {
        get => s_debugging;
        set => s_debugging = value;
    }

    /// <summary>
    /// Raised (on the finalizer thread) when a Deferred is garbage-collected while its last result is a
    /// Failure nobody handled, like <see cref="TaskScheduler.UnobservedTaskException"/>. When nothing is
    /// subscribed, the failure is written to <see cref="Logger"/>, or to standard error if that is null.
    /// </summary>
    public static event EventHandler<UnhandledErrorEventArgs>? UnhandledError;

    /// <summary>Where unhandled failures are written when <see cref="UnhandledError"/> has no subscriber; null means standard error.</summary>
    public static ILogger? Logger { get; set; }

    /// <summary>A Deferred that has already fired with <paramref name="result"/> (Twisted's <c>succeed</c>).</summary>
    /// <param name="result">The result.</param>
    /// <returns>The fired Deferred.</returns>
    /// <exception cref="ArgumentException"><paramref name="result"/> is a Deferred.</exception>
    public static Deferred Succeed(object? result)
    {
        var deferred = new Deferred();
        deferred.Callback(result);
        return deferred;
    }

    /// <summary>A typed Deferred that has already fired with <paramref name="result"/>.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="result">The result.</param>
    /// <returns>The fired Deferred.</returns>
    public static Deferred<T> Succeed<T>(T result)
    {
        var deferred = new Deferred<T>();
        deferred.Callback(result);
        return deferred;
    }

    /// <summary>A Deferred that has already failed with <paramref name="exception"/> (Twisted's <c>fail</c>).</summary>
    /// <param name="exception">The error.</param>
    /// <returns>The failed Deferred.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="exception"/> is null.</exception>
    public static Deferred Fail(Exception exception)
    {
        var deferred = new Deferred();
        deferred.Errback(exception);
        return deferred;
    }

    /// <summary>A Deferred that has already failed with <paramref name="failure"/>.</summary>
    /// <param name="failure">The failure.</param>
    /// <returns>The failed Deferred.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="failure"/> is null.</exception>
    public static Deferred Fail(Failure failure)
    {
        var deferred = new Deferred();
        deferred.Errback(failure);
        return deferred;
    }

    /// <summary>A typed Deferred that has already failed with <paramref name="exception"/>.</summary>
    /// <typeparam name="T">The result type the Deferred would have had.</typeparam>
    /// <param name="exception">The error.</param>
    /// <returns>The failed Deferred.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="exception"/> is null.</exception>
    public static Deferred<T> Fail<T>(Exception exception)
    {
        var deferred = new Deferred<T>();
        deferred.Errback(exception);
        return deferred;
    }

    /// <summary>
    /// Calls <paramref name="f"/> now and returns its outcome as a Deferred (Twisted's <c>maybeDeferred</c>):
    /// a returned Deferred is returned as is, a returned <see cref="Failure"/> or a thrown exception gives a
    /// failed Deferred, anything else a fired one.
    /// </summary>
    /// <param name="f">The function to call.</param>
    /// <returns>A Deferred for the outcome.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    public static Deferred MaybeDeferred(Func<object?> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        object? result;
        try
        {
            result = f();
        }
        catch (Exception exception)
        {
            return Fail(exception);
        }
        return result switch
        {
            Deferred deferred => deferred,
            Failure failure => Fail(failure),
            _ => Succeed(result),
        };
    }

    /// <summary>Calls <paramref name="f"/> now; its Deferred is returned as is, a thrown exception gives a failed Deferred.</summary>
    /// <param name="f">The function to call.</param>
    /// <returns><paramref name="f"/>'s Deferred, or a failed one.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    public static Deferred MaybeDeferred(Func<Deferred> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        try
        {
            return f() ?? throw new InvalidOperationException("MaybeDeferred: the function returned a null Deferred.");
        }
        catch (Exception exception)
        {
            return Fail(exception);
        }
    }

    /// <summary>Calls <paramref name="f"/> now and returns its outcome as a typed Deferred: fired with the value, or failed with the thrown exception.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="f">The function to call.</param>
    /// <returns>A fired or failed Deferred.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    public static Deferred<T> MaybeDeferred<T>(Func<T> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        T result;
        try
        {
            result = f();
        }
        catch (Exception exception)
        {
            return Fail<T>(exception);
        }
        return Succeed(result);
    }

    /// <summary>Calls <paramref name="f"/> now; its typed Deferred is returned as is, a thrown exception gives a failed one.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="f">The function to call.</param>
    /// <returns><paramref name="f"/>'s Deferred, or a failed one.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    public static Deferred<T> MaybeDeferred<T>(Func<Deferred<T>> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        try
        {
            return f() ?? throw new InvalidOperationException("MaybeDeferred: the function returned a null Deferred.");
        }
        catch (Exception exception)
        {
            return Fail<T>(exception);
        }
    }

    internal static void ReportUnhandled(Failure failure, string? debugInfo)
    {
        try
        {
            var handlers = UnhandledError;
            if (handlers is not null)
            {
                handlers(null, new UnhandledErrorEventArgs(failure, debugInfo));
                return;
            }
            var detail = debugInfo is null ? string.Empty : $"(debug: {debugInfo})" + Environment.NewLine;
            if (Logger is { } logger)
            {
#pragma warning disable CA1848, CA2254 // a rare report; the message is fixed text plus the failure
                logger.LogCritical(failure.Value, "Unhandled error in Deferred:" + Environment.NewLine + detail);
#pragma warning restore CA1848, CA2254
            }
            else
            {
                Console.Error.WriteLine("Unhandled error in Deferred:" + Environment.NewLine + detail + failure.GetTraceback());
            }
        }
#pragma warning disable CA1031 // runs on the finalizer thread: an exception here would kill the process
        catch (Exception)
        {
        }
#pragma warning restore CA1031
    }
}
