using MigrationKit.Operations;

namespace MigrationKit.Planning;

/// <summary>
/// One SQL statement a migration runs, with what it does to the database: whether it may run in a transaction, the
/// tables it touches, whether it rewrites (or, on SQLite, rebuilds) a table, the lock it takes on PostgreSQL, and
/// whether it can destroy data. The provider's SQL generator writes these; the dry run, the executor and the risk rules
/// read the same objects, so a preview cannot differ from the run.
/// </summary>
/// <param name="Sql">The statement.</param>
public sealed record MigrationCommand(string Sql)
{
    /// <summary>Whether the statement may run inside a transaction (<see langword="false"/> for <c>CREATE INDEX CONCURRENTLY</c>, <c>VACUUM</c>).</summary>
    public bool Transactional { get; init; } = true;

    /// <summary>The tables the statement reads or changes, as far as the operation tells (empty for raw SQL and schemas).</summary>
    public IReadOnlyList<QualifiedName> Tables { get; init; } = [];

    /// <summary>
    /// Whether the statement copies a whole table: a PostgreSQL table rewrite (a type change that is not
    /// binary-compatible) or part of a SQLite table rebuild (a full copy under the write lock).
    /// </summary>
    public bool RewritesTable { get; init; }

    /// <summary>
    /// The strongest table lock the statement takes on PostgreSQL; <see langword="null"/> when the provider has no
    /// table-level lock modes (SQLite serializes every writer on the database) or the statement is raw SQL whose lock
    /// is not known.
    /// </summary>
    public MigrationLockLevel? LockLevel { get; init; }

    /// <summary>Whether the statement can destroy data (drop a table or column, delete rows, a lossy type change).</summary>
    public bool Destructive { get; init; }

    /// <summary>The statement's text.</summary>
    /// <returns>The SQL.</returns>
    public override string ToString() => Sql;
}
