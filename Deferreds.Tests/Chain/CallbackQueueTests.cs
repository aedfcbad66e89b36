namespace Deferreds.Tests.Chain;

/// <summary>The callback list keeps FIFO order across its inline slots and its array, however adds and runs interleave.</summary>
public sealed class CallbackQueueTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(9)]
    [InlineData(40)]
    public void Callbacks_AddedBeforeFiring_RunInOrder(int count)
    {
        var order = new List<int>();
        var d = new Deferred();
        for (var i = 0; i < count; i++)
        {
            var n = i;
            _ = d.AddCallback(r => { order.Add(n); return r; });
        }
        d.Callback(null);
        Assert.Equal(Enumerable.Range(0, count), order);
    }

    [Fact]
    public void Callbacks_AddedWhilePausedInBatches_RunInOrderAfterEachUnpause()
    {
        var order = new List<int>();
        var d = Defer.Succeed(0);
        var next = 0;
        void Add(int howMany)
        {
            for (var i = 0; i < howMany; i++)
            {
                var n = next++;
                _ = d.AddCallback(r => { order.Add(n); return r; });
            }
        }
        foreach (var batch in new[] { 1, 3, 2, 5, 1, 8 })
        {
            d.Pause();
            Add(batch);
            d.Unpause();
        }
        Assert.Equal(Enumerable.Range(0, next), order);
    }

    [Fact]
    public void Callbacks_AddedFromInsideCallbacksWhileQueueIsPartlyInline_KeepFifoOrder()
    {
        var order = new List<string>();
        var d = new Deferred();
        _ = d.AddCallback(r => { order.Add("a"); _ = d.AddCallback(x => { order.Add("d"); return x; }); return r; });
        _ = d.AddCallback(r => { order.Add("b"); _ = d.AddCallback(x => { order.Add("e"); return x; }); return r; });
        _ = d.AddCallback(r => { order.Add("c"); return r; });
        d.Callback(null);
        _ = d.AddCallback(r => { order.Add("f"); return r; });
        Assert.Equal(["a", "b", "c", "d", "e", "f"], order);
    }
}
