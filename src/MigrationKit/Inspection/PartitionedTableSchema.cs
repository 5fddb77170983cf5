using MigrationKit.Operations;

namespace MigrationKit.Inspection;

/// <summary>
/// A partitioned table's partitioning: its partition key and its partitions. The table itself (columns, keys, indexes)
/// is in <see cref="DatabaseSchema.Tables"/>; its partitions are not, since they hold the parent's rows and share its
/// shape. A partition that is itself partitioned has an entry of its own.
/// </summary>
/// <param name="Table">The partitioned table.</param>
/// <param name="PartitionKey">The partition key as the provider writes it, such as <c>RANGE (placed_on)</c>.</param>
public sealed record PartitionedTableSchema(QualifiedName Table, string PartitionKey)
{
    /// <summary>The partitions, with their bounds.</summary>
    public IReadOnlyList<PartitionSchema> Partitions { get; init; } = [];
}
