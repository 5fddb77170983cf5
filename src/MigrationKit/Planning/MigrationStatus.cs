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

    /// <summary>Whether every migration is applied and nothing is missing, modified or incomplete.</summary>
    public bool IsUpToDate => Migrations.All(m => m.State == MigrationState.Applied);
}
