namespace MigrationKit.Data.Moves;

/// <summary>A source row that a move with an error budget set aside, as recorded in the rejects table.</summary>
/// <param name="SourceKey">The row's source key as the id map writes it (the value, or a JSON array for a composite key).</param>
/// <param name="SourceValues">The row's values as read from the source, as a JSON object.</param>
/// <param name="Reason">Why the row was rejected: the conversion error, or the target's refusal.</param>
public sealed record DataMoveReject(string SourceKey, string SourceValues, string Reason);
