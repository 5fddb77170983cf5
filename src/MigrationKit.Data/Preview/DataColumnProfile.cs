namespace MigrationKit.Data.Preview;

/// <summary>One mapped column of a source table, profiled before a move: what it holds and what would not convert.</summary>
/// <param name="SourceColumn">The source column.</param>
/// <param name="TargetColumn">The target column it is mapped to.</param>
/// <param name="TargetType">The target column's type, as the target database names it.</param>
/// <param name="Nulls">Source rows where the column is NULL.</param>
/// <param name="DistinctEstimate">Distinct non-NULL values: exact up to 1,024, estimated above (k minimum values of a 64-bit hash, about 3% error).</param>
/// <param name="Min">The smallest value (as in messages: text quoted), or null when every value is NULL.</param>
/// <param name="Max">The largest value, or null when every value is NULL.</param>
/// <param name="ConversionFailures">Values that would fail the column's converter or the conversion to the target type (not counted, 0, for a new UUID, or for a key through the id map of a move that has not run yet).</param>
/// <param name="FailureExamples">The first few of them, as <c>key: value (reason)</c>.</param>
public sealed record DataColumnProfile(string SourceColumn, string TargetColumn, string TargetType, long Nulls, long DistinctEstimate, string? Min, string? Max, long ConversionFailures, IReadOnlyList<string> FailureExamples);
