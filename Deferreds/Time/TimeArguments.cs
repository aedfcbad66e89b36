namespace Deferreds;

/// <summary>Argument checks shared by the time types.</summary>
internal static class TimeArguments
{
    /// <summary>Rejects negative and NaN delays: Twisted's fake Clock accepts them, but they only ever hide a bug.</summary>
    internal static void ThrowIfNegativeOrNaN(double seconds, string paramName)
    {
        if (!(seconds >= 0.0))
        {
            throw new ArgumentOutOfRangeException(
                paramName,
                seconds,
                "A delay must be zero or more seconds; to run something as soon as possible, use a delay of 0.");
        }
    }
}
