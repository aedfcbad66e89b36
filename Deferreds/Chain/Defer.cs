namespace Deferreds;

/// <summary>Twisted's <c>twisted.internet.defer</c> module functions; <c>using static Deferreds.Defer;</c> reads like Python.</summary>
public static partial class Defer
{
}
