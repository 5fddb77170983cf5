using MigrationKit.Operations;

namespace MigrationKit.Inspection;

/// <summary>A provider-neutral description of a database's schema: what a schema reader returns.</summary>
/// <param name="Tables">The tables.</param>
public sealed record DatabaseSchema(IReadOnlyList<TableSchema> Tables)
{
    /// <summary>An empty schema.</summary>
    public static DatabaseSchema Empty { get; } = new([]);

    /// <summary>The views.</summary>
    public IReadOnlyList<ViewSchema> Views { get; init; } = [];

    /// <summary>The partitioned tables' partition keys and partitions (empty where the engine has no partitioning).</summary>
    public IReadOnlyList<PartitionedTableSchema> PartitionedTables { get; init; } = [];

    /// <summary>The materialized views, with their indexes (empty where the engine has none).</summary>
    public IReadOnlyList<MaterializedViewSchema> MaterializedViews { get; init; } = [];

    /// <summary>The enumerated types (empty where the engine has none).</summary>
    public IReadOnlyList<EnumTypeSchema> EnumTypes { get; init; } = [];

    /// <summary>The domains (empty where the engine has none).</summary>
    public IReadOnlyList<DomainSchema> Domains { get; init; } = [];

    /// <summary>The sequences, other than those of identity columns (empty where the engine has none).</summary>
    public IReadOnlyList<SequenceSchema> Sequences { get; init; } = [];

    /// <summary>Finds a table by name (ordinal comparison).</summary>
    /// <param name="name">The table name.</param>
    /// <returns>The table, or <see langword="null"/>.</returns>
    public TableSchema? FindTable(QualifiedName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Tables.FirstOrDefault(t => string.Equals(t.Name.Name, name.Name, StringComparison.Ordinal) && string.Equals(t.Name.Schema, name.Schema, StringComparison.Ordinal));
    }

    /// <summary>This schema without the given tables (for example the migration history tables).</summary>
    /// <param name="names">The tables to leave out.</param>
    /// <returns>The filtered schema.</returns>
    public DatabaseSchema Without(IEnumerable<QualifiedName> names)
    {
        var excluded = names.ToHashSet();
        return this with
        {
            Tables = Tables.Where(t => !excluded.Contains(t.Name)).ToArray(),
            Sequences = Sequences.Where(s => s.OwnedByTable is null || !excluded.Contains(s.OwnedByTable)).ToArray(),
        };
    }

    /// <summary>Lists every difference between this schema and <paramref name="other"/>, in plain words.</summary>
    /// <param name="other">The schema to compare with.</param>
    /// <returns>The differences; empty when the schemas are equal.</returns>
    public IReadOnlyList<string> CompareTo(DatabaseSchema other) => Diff(other).Select(d => d.ToString()).ToArray();

    /// <summary>Every difference between this schema (the expected one) and <paramref name="other"/> (the actual one), as data.</summary>
    /// <param name="other">The schema to compare with.</param>
    /// <returns>The differences; empty when the schemas are equal.</returns>
    public IReadOnlyList<SchemaDifference> Diff(DatabaseSchema other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return SchemaComparer.Compare(this, other);
    }
}
