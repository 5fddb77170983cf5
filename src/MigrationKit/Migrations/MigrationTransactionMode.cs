namespace MigrationKit;

/// <summary>How one migration uses transactions.</summary>
public enum MigrationTransactionMode
{
    /// <summary>The migration and its history row commit together in one transaction, or nothing of it remains.</summary>
    Transactional,

    /// <summary>
    /// Statements run one by one outside a transaction, for those that cannot run inside one (PostgreSQL
    /// <c>CREATE INDEX CONCURRENTLY</c>, SQLite <c>VACUUM</c>). A failure can leave it half applied: the runner
    /// then records it as incomplete and refuses to go on until it is repaired.
    /// </summary>
    None,
}
