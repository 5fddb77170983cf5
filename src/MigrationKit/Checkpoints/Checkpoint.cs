namespace MigrationKit.Checkpoints;

/// <summary>
/// A checkpoint: a real backup of the database in one file, with the metadata that is also written beside it as JSON
/// (<c>&lt;Id&gt;.json</c>), so a checkpoint directory describes itself. Serializable with System.Text.Json.
/// </summary>
/// <param name="Id">The checkpoint's id, sortable by creation time, such as <c>20261122T0905123-1a2b3c</c>.</param>
/// <param name="Version">The schema version when it was taken: the highest applied migration, 0 for an empty history.</param>
/// <param name="CreatedAt">When it was taken (UTC, from the runner's <see cref="TimeProvider"/>).</param>
/// <param name="Level">What it keeps.</param>
/// <param name="Kind">Why it was taken, which decides its retention.</param>
/// <param name="SizeBytes">The backup file's size in bytes.</param>
/// <param name="Sha256">The SHA-256 of the backup file, lower-case hex.</param>
/// <param name="Provider">The provider's short name (<c>sqlite</c>, <c>postgresql</c>).</param>
/// <param name="ServerVersion">The database engine's or server's version.</param>
/// <param name="FileName">The backup file's name inside the checkpoint directory.</param>
public sealed record Checkpoint(
    string Id,
    long Version,
    DateTimeOffset CreatedAt,
    CheckpointLevel Level,
    CheckpointKind Kind,
    long SizeBytes,
    string Sha256,
    string Provider,
    string ServerVersion,
    string FileName)
{
    /// <summary>Why it was taken, in a few words, or <see langword="null"/>.</summary>
    public string? Description { get; init; }

    /// <summary>A one-line description for messages: id, version, kind, level and time.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        $"checkpoint '{Id}' (version {Version}, {Kind}, {Level}, taken {CreatedAt:yyyy-MM-dd HH:mm:ss}Z, file {FileName})";
}
