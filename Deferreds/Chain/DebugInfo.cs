using System.Diagnostics;
using System.Text;

namespace Deferreds;

/// <summary>
/// A Deferred's rarely used state, kept off the Deferred itself (it shares one field with the canceller, which it
/// takes over when created): where it was created and first fired, recorded while <see cref="Defer.Debugging"/>
/// is on, the witness of an unhandled failure, created when a chain first ends failed, and a ChainDeferred source.
/// </summary>
internal sealed class DebugInfo
{
    public string? Creator { get; set; }

    /// <summary>The Deferred's canceller, moved here when this object took its place on the Deferred.</summary>
    public Action<Deferred>? Canceller { get; set; }

    public string? Invoker { get; set; }

    public UnhandledFailureWitness? Unhandled { get; set; }

    /// <summary>Twisted's <c>_chainedTo</c> when it is not simply the Deferred being waited on (see <c>Deferred.ChainedTo</c>).</summary>
    public Deferred? ChainedTo { get; set; }

    /// <summary>True when stacks were recorded.</summary>
    public bool HasStacks => Creator is not null || Invoker is not null;

    /// <summary>The caller's stack, without the Deferred's own frames.</summary>
    public static string CaptureStack()
    {
        var frames = new StackTrace(1, true).GetFrames();
        var text = new StringBuilder();
        foreach (var frame in frames)
        {
            var method = frame.GetMethod();
            if (method?.DeclaringType is { } type && type.Assembly == typeof(DebugInfo).Assembly && type.Namespace == "Deferreds"
                && (type == typeof(Deferred) || type.IsSubclassOf(typeof(Deferred)) || type == typeof(DebugInfo)))
            {
                continue;
            }
            text.Append(new StackTrace(frame).ToString());
        }
        return text.ToString().TrimEnd();
    }

    /// <summary>The AlreadyCalledError message: the default text, then the C: and I: stacks when recorded.</summary>
    public static string DescribeAlreadyCalled(DebugInfo? info)
    {
        if (info is null || !info.HasStacks)
        {
            return AlreadyCalledError.DefaultMessage;
        }
        return AlreadyCalledError.DefaultMessage + Environment.NewLine + info.Describe();
    }

    /// <summary>The C: (creator) and I: (first invoker) blocks, one prefixed line per frame.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        AppendBlock(text, " C:", "Deferred was created:", Creator);
        AppendBlock(text, " I:", "First Invoker was:", Invoker);
        return text.ToString().TrimEnd();
    }

    private static void AppendBlock(StringBuilder text, string prefix, string title, string? stack)
    {
        if (stack is null)
        {
            return;
        }
        text.Append(prefix).Append(' ').AppendLine(title);
        foreach (var line in stack.Split('\n'))
        {
            text.Append(prefix).AppendLine(line.TrimEnd('\r'));
        }
    }
}
