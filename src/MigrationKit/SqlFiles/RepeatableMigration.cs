using MigrationKit.Operations;

namespace MigrationKit.SqlFiles;

/// <summary>
/// A repeatable SQL-file migration (<c>R__{name}.sql</c>): applied after the versioned migrations of a run up to the
/// latest version whenever its checksum differs from the one recorded when it last ran. Its operations and checksum
/// are those of raw SQL, computed once.
/// </summary>
internal sealed class RepeatableMigration
{
    public RepeatableMigration(SqlMigrationFile file)
    {
        File = file;
        Operations = file.Statements.Select(s => (MigrationOperation)new SqlOperation(s)).ToArray();
        Checksum = MigrationChecksum.Compute(Operations);
    }

    public SqlMigrationFile File { get; }

    /// <summary>Its identity in the bookkeeping: the name after <c>R__</c>.</summary>
    public string Name => File.Name.Name;

    public string Description => File.Name.Description;

    public bool Transactional => !File.Header.NoTransaction;

    public IReadOnlyList<MigrationOperation> Operations { get; }

    public string Checksum { get; }

    public override string ToString() => $"repeatable '{Description}' ({File.FileName})";
}
