namespace MigrationKit;

/// <summary>A discovered migration class: its metadata, read once; the instance is created only when it runs.</summary>
internal sealed class MigrationDescriptor
{
    public MigrationDescriptor(Type type, MigrationAttribute attribute)
    {
        Type = type;
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

    public Type Type { get; }

    public long Version { get; }

    public string Description { get; }

    public MigrationTransactionMode Transaction { get; }

    public MigrationInfo Info { get; }

    public override string ToString() => $"{Version} '{Description}' ({Type.Name})";

    private static TimeSpan? Timeout(int milliseconds) => milliseconds switch
    {
        0 => null,
        < 0 => System.Threading.Timeout.InfiniteTimeSpan,
        _ => TimeSpan.FromMilliseconds(milliseconds),
    };
}
