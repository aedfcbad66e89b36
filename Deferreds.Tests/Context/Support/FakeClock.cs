namespace Deferreds.Tests.Context.Support;

/// <summary>
/// A minimal Twisted-style fake clock for the log-context tests (same-time calls run in scheduling order;
/// calls that become due during an Advance run in that Advance). Stands in until Deferreds' Clock is on main.
/// </summary>
internal sealed class FakeClock
{
    private readonly List<Call> _calls = [];
    private long _sequence;
    private double _now;

    public int PendingCount => _calls.Count;

    public Call CallLater(double seconds, Action f)
    {
        var call = new Call(this, _now + seconds, _sequence++, f);
        _calls.Add(call);
        return call;
    }

    public void Advance(double seconds)
    {
        _now += seconds;
        while (true)
        {
            var due = _calls.Where(c => c.Time <= _now).OrderBy(c => c.Time).ThenBy(c => c.Sequence).FirstOrDefault();
            if (due is null)
            {
                return;
            }
            _calls.Remove(due);
            due.F();
        }
    }

    internal sealed class Call(FakeClock owner, double time, long sequence, Action f)
    {
        public double Time { get; } = time;
        public long Sequence { get; } = sequence;
        public Action F { get; } = f;
        public void Cancel() => owner._calls.Remove(this);
    }
}
