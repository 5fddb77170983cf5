namespace MigrationKit.Risk;

/// <summary>What the light raw SQL classifier recognised a statement as.</summary>
internal enum RawSqlKind
{
    /// <summary>Not recognised: its effect is unknown.</summary>
    Unknown,

    /// <summary>Recognised and harmless to running traffic (CREATE TABLE, CREATE VIEW, INSERT, COMMENT, SELECT, GRANT, …).</summary>
    Benign,

    /// <summary><c>CREATE [UNIQUE] INDEX</c> without <c>CONCURRENTLY</c>.</summary>
    CreateIndexBlocking,

    /// <summary><c>DROP TABLE</c> or <c>TRUNCATE</c>.</summary>
    DropTable,

    /// <summary><c>ALTER TABLE … ADD … GENERATED ALWAYS AS (…) STORED</c>: a table rewrite.</summary>
    AddStoredGeneratedColumn,

    /// <summary>Another <c>ALTER TABLE</c>: an exclusive lock whose cost is not known.</summary>
    AlterTable,

    /// <summary><c>UPDATE</c> or <c>DELETE</c> without <c>WHERE</c>: every row in one transaction.</summary>
    WholeTableWrite,

    /// <summary><c>SET lock_timeout = 0</c>: statements may wait for locks for ever.</summary>
    DisablesLockTimeout,
}
