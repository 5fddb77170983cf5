using MigrationKit.Operations;

namespace MigrationKit.Inspection;

/// <summary>One partition of a partitioned table.</summary>
/// <param name="Name">The partition (a table of its own).</param>
/// <param name="Bound">Its bound as the provider writes it, such as <c>FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')</c> or <c>DEFAULT</c>.</param>
public sealed record PartitionSchema(QualifiedName Name, string Bound);
