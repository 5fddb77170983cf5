namespace MigrationKit.Statistics;

/// <summary>
/// The live facts a plan is graded with, read in one round trip: the server version, the database size, the touched
/// tables' rows and sizes and current lock activity, and the answers to the rules' data checks.
/// </summary>
/// <param name="ServerVersion">The server version as the database prints it (<c>15.8</c>, <c>3.50.4</c>).</param>
public sealed record DatabaseStatistics(string ServerVersion)
{
    /// <summary>The server's major version as a number (PostgreSQL <c>15</c>, SQLite <c>3</c>); <see langword="null"/> when unknown.</summary>
    public int? ServerMajorVersion { get; init; }

    /// <summary>The database's size in bytes; <see langword="null"/> when unknown.</summary>
    public long? DatabaseSizeBytes { get; init; }

    /// <summary>The tables asked for that exist, in the order asked.</summary>
    public IReadOnlyList<TableStatistics> Tables { get; init; } = [];

    /// <summary>The answers to the data checks asked for, in the order asked.</summary>
    public IReadOnlyList<DataCheckResult> Checks { get; init; } = [];

    /// <summary>How many round trips to the database the read took (the readers of the built-in providers take one).</summary>
    public int RoundTrips { get; init; } = 1;
}
