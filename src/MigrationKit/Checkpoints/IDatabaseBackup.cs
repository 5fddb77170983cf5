namespace MigrationKit.Checkpoints;

/// <summary>
/// The provider's half of checkpoints: writes a backup of the database to a file and restores one. The core keeps
/// everything else (ids, metadata beside the files, SHA-256 checksums, listing, retention, journal entries), so a
/// provider implements only what depends on the database's own tools.
/// </summary>
public interface IDatabaseBackup
{
    /// <summary>The extension of the files this backup writes, with the dot (<c>.db</c>, <c>.dump</c>).</summary>
    string FileExtension { get; }

    /// <summary>The database server's or engine's version, recorded in each checkpoint.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The version text, such as <c>3.50.4</c> or <c>15.14</c>.</returns>
    ValueTask<string> GetServerVersionAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes a backup to <paramref name="filePath"/>, which does not exist yet, while the database stays in use. The
    /// file is created readable by its owner only.
    /// </summary>
    /// <param name="filePath">The file to create.</param>
    /// <param name="level">What to keep.</param>
    /// <param name="cancellationToken">Cancels the backup; a partly written file is deleted.</param>
    /// <returns>A task that completes when the file is complete.</returns>
    ValueTask BackupAsync(string filePath, CheckpointLevel level, CancellationToken cancellationToken = default);

    /// <summary>Checks that a backup file is readable by the database's own tools, without touching the database.</summary>
    /// <param name="filePath">The file.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>A task that completes when the file is sound.</returns>
    /// <exception cref="CheckpointException">The file is damaged or not a backup.</exception>
    ValueTask VerifyAsync(string filePath, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the database's content with the backup in <paramref name="filePath"/> (already verified by the core).
    /// All or nothing: if the restore fails or the process dies part way, the database is left as it was.
    /// </summary>
    /// <param name="filePath">The backup file.</param>
    /// <param name="level">The level the file was written at.</param>
    /// <param name="cancellationToken">Cancels the restore before it commits.</param>
    /// <returns>A task that completes when the database holds the backup's content.</returns>
    ValueTask RestoreAsync(string filePath, CheckpointLevel level, CancellationToken cancellationToken = default);
}
