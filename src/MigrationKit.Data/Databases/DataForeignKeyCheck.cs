using MigrationKit.Data.Endpoints;

namespace MigrationKit.Data.Databases;

/// <summary>A foreign key checked after a load: the child rows whose values the parent table does not hold.</summary>
/// <param name="ForeignKey">The foreign key.</param>
/// <param name="Orphans">Child rows with a value (all key columns not NULL) that no parent row has.</param>
/// <param name="OrphanExamples">Up to five orphaned values, as <c>column=value, …</c>.</param>
/// <param name="IsValidated">Whether the engine holds the key as validated now (a <c>NOT VALID</c> key without orphans is validated by the check).</param>
public sealed record DataForeignKeyCheck(DataForeignKey ForeignKey, long Orphans, IReadOnlyList<string> OrphanExamples, bool IsValidated);
