namespace MigrationKit;

/// <summary>
/// A discovered migration: a class (its metadata read once, the instance created only when it runs) or a SQL file
/// (whose instance, built from the files already read, is kept).
/// </summary>
internal sealed class MigrationDescriptor
{
    public MigrationDescriptor(Type type, MigrationAttribute attribute)
    {
        Type = type;
        Origin = type.FullName ?? type.Name;
        Version = attribute.Version;
        Description = attribute.Description;
        Transaction = attribute.Transaction;
        Info = new MigrationInfo(Version, Description, type.Name, Transaction)
        {
            LockTimeout = Timeout(attribute.LockTimeoutMilliseconds),
            StatementTimeout = Timeout(attribute.StatementTimeoutMilliseconds),
            Destructive = attribute.Destructive,
        };
    }

    /// <summary>A SQL-file migration: its version and description come from the file's name, its Up and Down from its files.</summary>
    public MigrationDescriptor(SqlFiles.SqlFileMigration migration)
    {
        Type = typeof(SqlFiles.SqlFileMigration);
        Instance = migration;
        Origin = migration.UpFile.Path;
        Version = migration.Version;
        Description = migration.UpFile.Name.Description;
        Transaction = migration.UpFile.Transaction;
        Info = new MigrationInfo(Version, Description, migration.UpFile.FileName, Transaction);
    }

    public Type Type { get; }

    /// <summary>The migration's instance when it is not a class created on demand (a SQL file); otherwise <see langword="null"/>.</summary>
    public IMigration? Instance { get; }

    /// <summary>Where it is declared, for messages: the class's full name or the file's path.</summary>
    public string Origin { get; }

    public long Version { get; }

    public string Description { get; }

    public MigrationTransactionMode Transaction { get; }

    public MigrationInfo Info { get; }

    public override string ToString() => $"{Version} '{Description}' ({Info.Name})";

    private static TimeSpan? Timeout(int milliseconds) => milliseconds switch
    {
        0 => null,
        < 0 => System.Threading.Timeout.InfiniteTimeSpan,
        _ => TimeSpan.FromMilliseconds(milliseconds),
    };
}
