namespace MigrationKit.History;

/// <summary>One row of the migration history: a migration that is applied to the database.</summary>
/// <param name="Version">The migration's version.</param>
/// <param name="Description">The migration's description when it was applied.</param>
/// <param name="Checksum">The checksum of its operations when it was applied.</param>
/// <param name="AppliedAt">When it was applied (UTC).</param>
/// <param name="Duration">How long it took.</param>
/// <param name="AppliedBy">Who applied it (user and machine).</param>
/// <param name="LibraryVersion">The MigrationKit version that applied it.</param>
public sealed record AppliedMigration(long Version, string Description, string Checksum, DateTimeOffset AppliedAt, TimeSpan Duration, string AppliedBy, string LibraryVersion);
