namespace Deferreds;

public static partial class Defer
{
    /// <summary>
    /// Trial's <c>successResultOf</c>: the success result the Deferred holds right now. Like trial, it
    /// consumes the result (the Deferred is left holding null).
    /// </summary>
    /// <param name="deferred">The Deferred under test.</param>
    /// <returns>Its current success result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="deferred"/> is null.</exception>
    /// <exception cref="DeferredAssertionException">It has no result yet, or its result is a failure.</exception>
    public static object? SuccessResultOf(Deferred deferred)
    {
        var result = TakeResult(deferred, "Success");
        if (result is Failure failure)
        {
            throw new DeferredAssertionException(
                $"Success result expected on {deferred}, found failure result instead:{Environment.NewLine}{failure.GetTraceback()}");
        }
        return result;
    }

    /// <summary>Typed <see cref="SuccessResultOf(Deferred)"/>.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="deferred">The Deferred under test.</param>
    /// <returns>Its current success result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="deferred"/> is null.</exception>
    /// <exception cref="DeferredAssertionException">It has no result yet, its result is a failure, or not a <typeparamref name="T"/>.</exception>
    public static T SuccessResultOf<T>(Deferred<T> deferred)
    {
        var result = SuccessResultOf((Deferred)deferred);
        if (result is T typed)
        {
            return typed;
        }
        if (result is null && default(T) is null)
        {
            return default!;
        }
        throw new DeferredAssertionException(
            $"Success result of type {typeof(T).FullName} expected on {deferred}, found {(result is null ? "null" : result.GetType().FullName)} instead.");
    }

    /// <summary>
    /// Trial's <c>failureResultOf</c>: the Failure the Deferred holds right now, optionally checked against
    /// the expected exception types. The failure is consumed (handled: it will not be reported as unhandled).
    /// </summary>
    /// <param name="deferred">The Deferred under test.</param>
    /// <param name="expected">Acceptable exception types; none means any.</param>
    /// <returns>Its current failure.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="deferred"/> is null.</exception>
    /// <exception cref="DeferredAssertionException">It has no result, a success result, or a failure of another type.</exception>
    public static Failure FailureResultOf(Deferred deferred, params Type[] expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var result = TakeResult(deferred, "Failure");
        if (result is not Failure failure)
        {
            throw new DeferredAssertionException(
                $"Failure result expected on {deferred}, found success result ({result ?? "null"}) instead.");
        }
        if (expected.Length > 0 && failure.Check(expected) is null)
        {
            throw new DeferredAssertionException(
                $"Failure of type ({string.Join(" or ", expected.Select(t => t.FullName))}) expected on {deferred}, " +
                $"found type {failure.Type.FullName} instead: {failure.GetTraceback()}");
        }
        return failure;
    }

    /// <summary>
    /// Trial's <c>assertNoResult</c>: passes, leaving the Deferred untouched, when it has no result now
    /// (unfired, paused, or waiting on another Deferred). Otherwise throws, and a failure result is swallowed
    /// so it is reported once, by this exception.
    /// </summary>
    /// <param name="deferred">The Deferred under test.</param>
    /// <exception cref="ArgumentNullException"><paramref name="deferred"/> is null.</exception>
    /// <exception cref="DeferredAssertionException">It has a result.</exception>
    public static void AssertNoResult(Deferred deferred)
    {
        ArgumentNullException.ThrowIfNull(deferred);
        var seen = false;
        object? result = null;
        deferred.AddBoth(r =>
        {
            seen = true;
            result = r;
            return r;
        });
        if (seen)
        {
            deferred.AddErrback(static _ => null);
            throw new DeferredAssertionException($"No result expected on {deferred}, found {result ?? "null"} instead.");
        }
    }

    private static object? TakeResult(Deferred deferred, string expectation)
    {
        ArgumentNullException.ThrowIfNull(deferred);
        var seen = false;
        object? result = null;
        deferred.AddBoth(r =>
        {
            seen = true;
            result = r;
            return null;
        });
        if (!seen)
        {
            throw new DeferredAssertionException($"{expectation} result expected on {deferred}, found no result instead.");
        }
        return result;
    }
}
