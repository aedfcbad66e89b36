namespace Deferreds.Tests.Time;

/// <summary>
/// A line-for-line model of Twisted 22.4's <c>task.Clock</c> (a list stable-sorted by due time on every
/// <c>callLater</c> and after every call run; <c>reset</c>/<c>delay</c> do not sort), used as the oracle for
/// <see cref="Clock"/>'s heap.
/// </summary>
internal sealed class TwistedListClock
{
    private List<ModelCall> calls = [];

    public double Now { get; private set; }

    public IReadOnlyList<ModelCall> Calls => calls;

    public ModelCall CallLater(double delay, Action f)
    {
        var call = new ModelCall(this, Now + delay, f);
        calls.Add(call);
        Sort();
        return call;
    }

    public void Advance(double amount)
    {
        Now += amount;
        Sort();
        while (calls.Count > 0 && calls[0].GetTime() <= Now)
        {
            var call = calls[0];
            calls.RemoveAt(0);
            call.Called = true;
            call.F();
            Sort();
        }
    }

    private void Sort() => calls = [.. calls.OrderBy(c => c.GetTime())];

    internal sealed class ModelCall(TwistedListClock clock, double time, Action f)
    {
        private double time = time;
        private double delayedTime;

        public Action F { get; } = f;

        public bool Called { get; set; }

        public bool Cancelled { get; private set; }

        public bool Active => !(Called || Cancelled);

        public double GetTime() => time + delayedTime;

        public void Cancel()
        {
            clock.calls.Remove(this);
            Cancelled = true;
        }

        public void Reset(double secondsFromNow)
        {
            var newTime = clock.Now + secondsFromNow;
            if (newTime < time)
            {
                delayedTime = 0;
                time = newTime;
            }
            else
            {
                delayedTime = newTime - time;
            }
        }

        public void Delay(double secondsLater)
        {
            delayedTime += secondsLater;
            if (delayedTime < 0)
            {
                time += delayedTime;
                delayedTime = 0;
            }
        }
    }
}
