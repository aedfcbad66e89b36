using System.Globalization;

namespace Deferreds.Context;

/// <summary>
/// What a <see cref="LoggingContext"/> has used (Synapse's <c>ContextResourceUsage</c>): CPU time and
/// database work. A context's figures include everything its child contexts used.
/// </summary>
public sealed class ResourceUsage
{
    /// <summary>Creates a zeroed usage record.</summary>
    public ResourceUsage()
    {
    }

    /// <summary>Creates a copy of <paramref name="copyFrom"/>.</summary>
    /// <param name="copyFrom">The record to copy.</param>
    /// <exception cref="ArgumentNullException"><paramref name="copyFrom"/> is null.</exception>
    public ResourceUsage(ResourceUsage copyFrom)
    {
        ArgumentNullException.ThrowIfNull(copyFrom);
        Add(copyFrom);
    }

    /// <summary>User CPU time, in seconds (Synapse's <c>ru_utime</c>).</summary>
    public double RuUtime { get; set; }

    /// <summary>System CPU time, in seconds (Synapse's <c>ru_stime</c>).</summary>
    public double RuStime { get; set; }

    /// <summary>Number of database transactions.</summary>
    public long DbTxnCount { get; set; }

    /// <summary>Time spent in database transactions, in seconds.</summary>
    public double DbTxnDurationSec { get; set; }

    /// <summary>Time spent waiting for a database connection, in seconds.</summary>
    public double DbSchedDurationSec { get; set; }

    /// <summary>Number of events fetched from the database.</summary>
    public long EvtDbFetchCount { get; set; }

    /// <summary>A copy of this record.</summary>
    /// <returns>The copy.</returns>
    public ResourceUsage Copy() => new(this);

    /// <summary>Sets every figure back to zero.</summary>
    public void Reset()
    {
        RuUtime = 0;
        RuStime = 0;
        DbTxnCount = 0;
        DbTxnDurationSec = 0;
        DbSchedDurationSec = 0;
        EvtDbFetchCount = 0;
    }

    /// <summary>Adds <paramref name="other"/>'s figures to this record, field by field (Python's <c>+=</c>).</summary>
    /// <param name="other">The figures to add.</param>
    /// <returns>This record.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public ResourceUsage Add(ResourceUsage other)
    {
        ArgumentNullException.ThrowIfNull(other);
        RuUtime += other.RuUtime;
        RuStime += other.RuStime;
        DbTxnCount += other.DbTxnCount;
        DbTxnDurationSec += other.DbTxnDurationSec;
        DbSchedDurationSec += other.DbSchedDurationSec;
        EvtDbFetchCount += other.EvtDbFetchCount;
        return this;
    }

    /// <summary>Subtracts <paramref name="other"/>'s figures from this record, field by field (Python's <c>-=</c>).</summary>
    /// <param name="other">The figures to subtract.</param>
    /// <returns>This record.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public ResourceUsage Subtract(ResourceUsage other)
    {
        ArgumentNullException.ThrowIfNull(other);
        RuUtime -= other.RuUtime;
        RuStime -= other.RuStime;
        DbTxnCount -= other.DbTxnCount;
        DbTxnDurationSec -= other.DbTxnDurationSec;
        DbSchedDurationSec -= other.DbSchedDurationSec;
        EvtDbFetchCount -= other.EvtDbFetchCount;
        return this;
    }

    /// <summary>The field-wise sum of two records, as a new record.</summary>
    /// <param name="left">The first record.</param>
    /// <param name="right">The second record.</param>
    /// <returns>A new record.</returns>
    public static ResourceUsage operator +(ResourceUsage left, ResourceUsage right) => new ResourceUsage(left).Add(right);

    /// <summary>The field-wise difference of two records, as a new record.</summary>
    /// <param name="left">The record to subtract from.</param>
    /// <param name="right">The record to subtract.</param>
    /// <returns>A new record.</returns>
    public static ResourceUsage operator -(ResourceUsage left, ResourceUsage right) => new ResourceUsage(left).Subtract(right);

    /// <summary>Lists all six figures by name.</summary>
    /// <returns>The figures, e.g. <c>ResourceUsage(RuUtime=0.5, RuStime=0.1, DbTxnCount=2, ...)</c>.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"ResourceUsage(RuUtime={RuUtime}, RuStime={RuStime}, DbTxnCount={DbTxnCount}, DbTxnDurationSec={DbTxnDurationSec}, DbSchedDurationSec={DbSchedDurationSec}, EvtDbFetchCount={EvtDbFetchCount})");
}
