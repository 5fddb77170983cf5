namespace MigrationKit.SqlFiles;

/// <summary>What a SQL migration file is, by the first letter of its name.</summary>
internal enum SqlMigrationKind
{
    /// <summary><c>V{version}__{description}.sql</c>: applied once, in version order with the other migrations.</summary>
    Versioned,

    /// <summary><c>U{version}__{description}.sql</c>: the Down of the versioned file with the same version.</summary>
    Undo,

    /// <summary><c>R__{name}.sql</c>: re-applied after the versioned migrations whenever its checksum changes.</summary>
    Repeatable,
}
