namespace MigrationKit.Drift;

/// <summary>What <see cref="IMigrationRunner.DetectDriftAsync"/> leaves out.</summary>
public sealed class DriftOptions
{
    /// <summary>
    /// Tables (and views) that drift detection ignores, such as tables an extension or another tool owns: a name
    /// (<c>audit_log</c>) or a schema-qualified name (<c>ops.audit_log</c>), where <c>*</c> matches any run of
    /// characters (<c>tmp_*</c>). Compared case-sensitively, as the database stores the names.
    /// </summary>
    public IList<string> IgnoredTables { get; } = [];
}
