namespace MigrationKit.SqlFiles;

/// <summary>
/// A versioned SQL-file migration: its <c>V</c> file is its Up, its <c>U</c> file (if any) its Down, each recorded as
/// raw SQL operations, so it has the history, checksum (raw SQL normalized), journal, dry run and rollback of any
/// migration. Without a <c>U</c> file it cannot be reverted, as a class with raw SQL and no Down.
/// </summary>
internal sealed class SqlFileMigration(SqlMigrationFile up, SqlMigrationFile? down) : IMigration
{
    public SqlMigrationFile UpFile { get; } = up;

    public SqlMigrationFile? DownFile { get; } = down;

    public long Version => UpFile.Name.Version;

    public void Up(MigrationBuilder migration) => Record(migration, UpFile);

    public void Down(MigrationBuilder migration)
    {
        if (DownFile is null)
        {
            var operation = new Operations.SqlOperation(UpFile.Statements[0]).Describe();
            throw new IrreversibleMigrationException(
                Version,
                UpFile.FileName,
                operation,
                $"Migration {Version} ({UpFile.Path}) cannot be reverted: it has no Down file. Add U{Version}__{UpFile.Name.Name}{SqlMigrationFileName.Extension} beside it with the SQL that undoes it.");
        }

        Record(migration, DownFile);
    }

    private static void Record(MigrationBuilder migration, SqlMigrationFile file)
    {
        ArgumentNullException.ThrowIfNull(migration);
        foreach (var statement in file.Statements)
        {
            migration.Sql(statement);
        }
    }
}
