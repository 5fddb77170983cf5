namespace MigrationKit;

/// <summary>Every migration known to the code or the history, by ascending version.</summary>
/// <param name="Migrations">The entries.</param>
public sealed record MigrationStatus(IReadOnlyList<MigrationStatusEntry> Migrations)
{
    /// <summary>The highest applied version, or 0.</summary>
    public long CurrentVersion => Migrations.Where(m => m.AppliedAt is not null).Select(m => m.Version).DefaultIfEmpty(0).Max();

    /// <summary>The pending migrations.</summary>
    public IReadOnlyList<MigrationStatusEntry> Pending => Migrations.Where(m => m.State == MigrationState.Pending).ToArray();

    /// <summary>The applied migrations (including modified and missing ones).</summary>
    public IReadOnlyList<MigrationStatusEntry> Applied => Migrations.Where(m => m.AppliedAt is not null).ToArray();

    /// <summary>
    /// The repeatable SQL-file migrations (<c>R__{name}.sql</c>) in the code, by name, each with version 0 and the
    /// repeatable's description: <see cref="MigrationState.Applied"/> when it last ran with the checksum it has now,
    /// <see cref="MigrationState.Pending"/> when it never ran or changed since (the next run up to the latest version
    /// re-applies it).
    /// </summary>
    public IReadOnlyList<MigrationStatusEntry> Repeatables { get; init; } = [];

    /// <summary>Whether every migration is applied and nothing is missing, modified or incomplete, and no repeatable migration waits to be re-applied.</summary>
    public bool IsUpToDate => Migrations.All(m => m.State == MigrationState.Applied) && Repeatables.All(r => r.State == MigrationState.Applied);
}
