using System.Runtime.InteropServices;

namespace Deferreds.Context;

/// <summary>
/// A snapshot of the calling thread's CPU time (Synapse's <c>get_thread_resource_usage</c>): what
/// <see cref="LogContext.CpuTimeSource"/> returns at each context switch.
/// </summary>
/// <param name="UserSeconds">User CPU time the thread has used so far, in seconds.</param>
/// <param name="SystemSeconds">System CPU time the thread has used so far, in seconds.</param>
public readonly partial record struct ThreadCpuTime(double UserSeconds, double SystemSeconds)
{
    private const int RusageThread = 1;

    /// <summary>
    /// True where <see cref="Read"/> works: Linux (<c>getrusage(RUSAGE_THREAD)</c>). Elsewhere it returns null
    /// and, as in Synapse on such platforms, no CPU time is accounted.
    /// </summary>
    public static bool IsSupported { get; } = Probe();

    /// <summary>Reads the calling thread's CPU time.</summary>
    /// <returns>The snapshot, or null where per-thread CPU time is not supported.</returns>
    public static ThreadCpuTime? Read() => IsSupported ? ReadLinux() : null;

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }
        try
        {
            return ReadLinux() is not null;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

    private static ThreadCpuTime? ReadLinux()
    {
        if (NativeMethods.GetRusage(RusageThread, out var usage) != 0)
        {
            return null;
        }
        return new ThreadCpuTime(
            usage.UserSeconds + (usage.UserMicroseconds / 1e6),
            usage.SystemSeconds + (usage.SystemMicroseconds / 1e6));
    }

    // struct rusage on 64-bit Linux: two struct timevals (long, long) then fourteen longs we do not read.
    [StructLayout(LayoutKind.Sequential)]
    private unsafe struct RUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public fixed long Rest[14];
    }

    private static partial class NativeMethods
    {
        [LibraryImport("libc", EntryPoint = "getrusage")]
        public static partial int GetRusage(int who, out RUsage usage);
    }
}
