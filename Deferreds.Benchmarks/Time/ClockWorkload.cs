namespace Deferreds.Benchmarks.Time;

/// <summary>The shared W5 workload: N random delays over <see cref="Seconds"/> seconds, advanced one second at a time.</summary>
internal static class ClockWorkload
{
    public const int Seconds = 1000;

    public static double[] RandomDelays(int n)
    {
        var random = new Random(12345);
        var delays = new double[n];
        for (var i = 0; i < n; i++)
        {
            delays[i] = random.NextDouble() * Seconds;
        }
        return delays;
    }

    public static long RunPriorityQueue(double[] delays)
    {
        long count = 0;
        Action f = () => count++;
        var queue = new PriorityQueue<Action, (double Due, long Sequence)>();
        long sequence = 0;
        foreach (var delay in delays)
        {
            queue.Enqueue(f, (delay, sequence++));
        }
        for (var t = 1; t <= Seconds; t++)
        {
            while (queue.TryPeek(out var action, out var key) && key.Due <= t)
            {
                queue.Dequeue();
                action();
            }
        }
        return count;
    }

    public static long RunTimers(TimeProvider provider, double[] delays, Action<TimeProvider> advanceOneSecond)
    {
        var counter = new StrongBox();
        var timers = new ITimer[delays.Length];
        for (var i = 0; i < delays.Length; i++)
        {
            timers[i] = provider.CreateTimer(static state => ((StrongBox)state!).Count++, counter, TimeSpan.FromSeconds(delays[i]), Timeout.InfiniteTimeSpan);
        }
        for (var t = 0; t < Seconds; t++)
        {
            advanceOneSecond(provider);
        }
        foreach (var timer in timers)
        {
            timer.Dispose();
        }
        return counter.Count;
    }

    private sealed class StrongBox
    {
        public long Count;
    }
}
