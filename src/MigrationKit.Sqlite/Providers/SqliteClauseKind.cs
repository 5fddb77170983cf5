namespace MigrationKit.Sqlite;

/// <summary>What a clause of a <c>CREATE TABLE</c> statement is: a column constraint or a table constraint.</summary>
internal enum SqliteClauseKind
{
    /// <summary><c>PRIMARY KEY</c>, on a column or over columns.</summary>
    PrimaryKey,

    /// <summary><c>NOT NULL</c>.</summary>
    NotNull,

    /// <summary><c>NULL</c> (accepted by SQLite, means nothing).</summary>
    Null,

    /// <summary><c>UNIQUE</c>, on a column or over columns.</summary>
    Unique,

    /// <summary><c>CHECK (…)</c>.</summary>
    Check,

    /// <summary><c>DEFAULT …</c>.</summary>
    Default,

    /// <summary><c>COLLATE name</c>.</summary>
    Collate,

    /// <summary>A foreign key: <c>REFERENCES …</c> on a column, <c>FOREIGN KEY (…) REFERENCES …</c> over columns.</summary>
    ForeignKey,

    /// <summary><c>[GENERATED ALWAYS] AS (…) [VIRTUAL | STORED]</c>.</summary>
    Generated,
}
