namespace Deferreds;

/// <summary>A combinator that receives each member's result, by the member's position in its input.</summary>
internal interface IMemberSink
{
    /// <summary>Called inside the member's chain with its current result; the return value is what the member's later callbacks see.</summary>
    object? OnMemberResult(int index, object? result);
}
