namespace MigrationKit;

/// <summary>How the PostgreSQL provider keeps concurrent runners apart.</summary>
public enum PostgreSqlLockMode
{
    /// <summary>
    /// A session-level advisory lock (<c>pg_try_advisory_lock</c>) held for the whole run on a connection of its own.
    /// The default. It needs a real server session, so point the runner at the server directly (not through a
    /// transaction-pooling PgBouncer). Non-transactional migrations are serialized too.
    /// </summary>
    Session,

    /// <summary>
    /// A transaction-level advisory lock (<c>pg_advisory_xact_lock</c>) taken at the start of every transaction the runner
    /// opens (each migration's, the history's creation, repair, baseline), and released by its commit or rollback. The
    /// runner re-checks each migration's history row after taking it, so every migration is still applied exactly once.
    /// Nothing outlives a transaction, so this works behind a transaction-pooling PgBouncer (tested with 8 processes
    /// through PgBouncer 1.18; give that connection string <c>No Reset On Close=true;Max Auto Prepare=0</c>, and leave
    /// <see cref="PostgreSqlMigrationOptions.Schema"/> unset, since PgBouncer rejects <c>search_path</c> in the startup packet). The wait is bounded by
    /// <see cref="PostgreSqlMigrationOptions.LockWaitTimeout"/> (through <c>lock_timeout</c>). Migrations marked
    /// <see cref="MigrationTransactionMode.None"/> run outside any transaction and are therefore not serialized in this
    /// mode: run those with <see cref="Session"/> on a direct connection.
    /// </summary>
    Transaction,
}
