namespace MigrationKit.Health;

/// <summary>One statement as <c>pg_stat_statements</c> recorded it since its statistics were last reset.</summary>
/// <param name="Query">The normalized statement text (constants replaced by <c>$1</c>…), cut at <see cref="HealthOptions.QueryTextLength"/>.</param>
/// <param name="Calls">How many times it ran.</param>
/// <param name="TotalTime">Its execution time over every call.</param>
/// <param name="MeanTime">Its mean execution time per call.</param>
/// <param name="Rows">The rows it returned or changed over every call.</param>
public sealed record SlowStatement(string Query, long Calls, TimeSpan TotalTime, TimeSpan MeanTime, long Rows);
