using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.ExceptionServices;

namespace Deferreds;

/// <summary>
/// An error travelling along a Deferred's chain (Twisted's <c>twisted.python.failure.Failure</c>).
/// A <see cref="Failure"/> as a Deferred's current result is what puts the chain on the errback path.
/// </summary>
[DebuggerDisplay("Failure {Type.Name,nq}: {GetErrorMessage(),nq}")]
public sealed class Failure
{
    /// <summary>Wraps <paramref name="exception"/>; its stack trace is kept for <see cref="RaiseException"/>.</summary>
    /// <param name="exception">The error to carry.</param>
    /// <exception cref="ArgumentNullException"><paramref name="exception"/> is null.</exception>
    public Failure(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        Value = exception;
    }

    /// <summary>The wrapped exception (Twisted's <c>value</c>).</summary>
    public Exception Value { get; }

    /// <summary>The runtime type of <see cref="Value"/> (Twisted's <c>type</c>).</summary>
    public Type Type => Value.GetType();

    /// <summary>
    /// Returns the first of <paramref name="types"/> that <see cref="Value"/> is an instance of;
    /// when none matches, rethrows the original exception (stack preserved), so the next errback
    /// receives a Failure of the same exception object.
    /// </summary>
    /// <param name="types">Exception types this errback handles.</param>
    /// <returns>The matching type.</returns>
    /// <exception cref="Exception">The original <see cref="Value"/>, when nothing matches.</exception>
    public Type Trap(params Type[] types)
    {
        var match = Check(types);
        if (match is null)
        {
            RaiseException();
        }
        return match!;
    }

    /// <summary>Like <see cref="Trap(Type[])"/> for one type: returns the exception as <typeparamref name="TException"/> or rethrows the original.</summary>
    /// <typeparam name="TException">The exception type this errback handles.</typeparam>
    /// <returns>The wrapped exception, typed.</returns>
    /// <exception cref="Exception">The original <see cref="Value"/>, when it is not a <typeparamref name="TException"/>.</exception>
    public TException Trap<TException>() where TException : Exception
    {
        if (Value is TException typed)
        {
            return typed;
        }
        RaiseException();
        return null!;
    }

    /// <summary>Returns the first of <paramref name="types"/> that <see cref="Value"/> is an instance of, or null.</summary>
    /// <param name="types">Candidate exception types, in order of preference.</param>
    /// <returns>The matching type, or null.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="types"/> is null.</exception>
    public Type? Check(params Type[] types)
    {
        ArgumentNullException.ThrowIfNull(types);
        foreach (var type in types)
        {
            if (type.IsInstanceOfType(Value))
            {
                return type;
            }
        }
        return null;
    }

    /// <summary>The exception's message (Twisted's <c>getErrorMessage()</c>).</summary>
    /// <returns><see cref="Exception.Message"/> of <see cref="Value"/>.</returns>
    public string GetErrorMessage() => Value.Message;

    /// <summary>Throws <see cref="Value"/> again, keeping its original stack trace.</summary>
    /// <exception cref="Exception">Always: the wrapped exception.</exception>
    [DoesNotReturn]
    [StackTraceHidden]
    public void RaiseException() => ExceptionDispatchInfo.Throw(Value);

    /// <summary>A readable traceback: the exception type, message and stack trace (inner exceptions included).</summary>
    /// <returns>The formatted traceback.</returns>
    public string GetTraceback() => "Traceback (most recent call last):" + Environment.NewLine + Value;

    /// <summary>Shows the failure as <c>&lt;Failure System.InvalidOperationException: message&gt;</c>.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() => $"<Failure {Type.FullName}: {Value.Message}>";
}
