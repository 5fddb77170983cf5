namespace MigrationKit.SqlFiles;

/// <summary>The SQL-file migrations of a runner, checked: the versioned ones (with their Downs) and the repeatable ones by name.</summary>
/// <param name="Versioned">The versioned migrations, in no particular order (the catalog sorts them with the classes).</param>
/// <param name="Repeatables">The repeatable migrations, by name: the order they run in.</param>
internal sealed record SqlMigrationSet(IReadOnlyList<SqlFileMigration> Versioned, IReadOnlyList<RepeatableMigration> Repeatables)
{
    public static readonly SqlMigrationSet Empty = new([], []);
}
