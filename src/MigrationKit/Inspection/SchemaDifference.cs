using System.Globalization;
using MigrationKit.Operations;

namespace MigrationKit.Inspection;

/// <summary>
/// One difference between an expected schema and an actual one, as data: what kind of object, which one, and how
/// it was expected and how it is. <see cref="ToString"/> says it in plain words.
/// </summary>
/// <param name="Kind">Missing, unexpected or changed.</param>
/// <param name="ObjectKind">The kind of object.</param>
/// <param name="Table">The table the object belongs to (the table itself for <see cref="SchemaObjectKind.Table"/>, the partitioned table for a <see cref="SchemaObjectKind.Partition"/>, the materialized view for a <see cref="SchemaObjectKind.MaterializedViewIndex"/>); <see langword="null"/> for objects that belong to no table (views, materialized views, types, domains, sequences, partition keys).</param>
/// <param name="Name">The object's name (the table's, view's, type's or sequence's own name for those kinds; empty for a table's columns and primary key).</param>
/// <param name="Expected">The expected definition, as compared; <see langword="null"/> when the object is unexpected.</param>
/// <param name="Actual">The actual definition, as compared; <see langword="null"/> when the object is missing.</param>
public sealed record SchemaDifference(SchemaDifferenceKind Kind, SchemaObjectKind ObjectKind, QualifiedName? Table, string Name, string? Expected, string? Actual)
{
    /// <summary>The difference in plain words, such as <c>table tasks: column note is TEXT NOT NULL, expected TEXT NULL</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString()
    {
        var where = Table is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"table {Table}: ");
        var what = ObjectKind switch
        {
            SchemaObjectKind.Table => string.Create(CultureInfo.InvariantCulture, $"table {Table}"),
            SchemaObjectKind.View => "view " + Name,
            SchemaObjectKind.Columns => where + "columns",
            SchemaObjectKind.PrimaryKey => where + "primary key",
            SchemaObjectKind.Column => where + "column " + Name,
            SchemaObjectKind.UniqueConstraint => where + "unique constraint " + Name,
            SchemaObjectKind.ForeignKey => where + "foreign key " + Name,
            SchemaObjectKind.CheckConstraint => where + "check constraint " + Name,
            SchemaObjectKind.Index => where + "index " + Name,
            SchemaObjectKind.Trigger => where + "trigger " + Name,
            SchemaObjectKind.TableOptions => where + "options",
            SchemaObjectKind.PartitionedTable => "partition key of table " + Name,
            SchemaObjectKind.Partition => where + "partition " + Name,
            SchemaObjectKind.MaterializedView => "materialized view " + Name,
            SchemaObjectKind.MaterializedViewIndex => string.Create(CultureInfo.InvariantCulture, $"materialized view {Table}: index {Name}"),
            SchemaObjectKind.EnumType => "enum type " + Name,
            SchemaObjectKind.Domain => "domain " + Name,
            SchemaObjectKind.Sequence => "sequence " + Name,
            _ => where + ObjectKind + " " + Name,
        };
        return Kind switch
        {
            SchemaDifferenceKind.Missing => what + " is missing",
            SchemaDifferenceKind.Unexpected => what + " is unexpected",
            _ when ObjectKind is SchemaObjectKind.Columns or SchemaObjectKind.TableOptions => $"{what} are ({Actual}), expected ({Expected})",
            _ => $"{what} is {Actual}, expected {Expected}",
        };
    }
}
