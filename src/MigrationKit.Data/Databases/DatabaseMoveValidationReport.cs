using MigrationKit.Data.Validation;

namespace MigrationKit.Data.Databases;

/// <summary>The comparison of a whole-database move's source and target: each table's validation and the foreign keys' orphan check.</summary>
/// <param name="MoveName">The database move.</param>
/// <param name="Tables">Each table's validation, in load order.</param>
/// <param name="ForeignKeys">Every foreign key of the target tables moved, checked for orphans.</param>
public sealed record DatabaseMoveValidationReport(string MoveName, IReadOnlyList<DataMoveValidationReport> Tables, IReadOnlyList<DataForeignKeyCheck> ForeignKeys)
{
    /// <summary>Whether every table agrees with its source and no foreign key has an orphan.</summary>
    public bool IsValid => Tables.All(t => t.IsValid) && ForeignKeys.All(f => f.Orphans == 0);
}
