namespace MigrationKit.Inspection;

/// <summary>The kind of schema object a <see cref="SchemaDifference"/> is about.</summary>
public enum SchemaObjectKind
{
    /// <summary>A table.</summary>
    Table,

    /// <summary>A table's list of columns (names and order).</summary>
    Columns,

    /// <summary>One column's definition (type, nullability, default, identity).</summary>
    Column,

    /// <summary>A table's primary key.</summary>
    PrimaryKey,

    /// <summary>A unique constraint.</summary>
    UniqueConstraint,

    /// <summary>A foreign key.</summary>
    ForeignKey,

    /// <summary>A check constraint.</summary>
    CheckConstraint,

    /// <summary>An index.</summary>
    Index,

    /// <summary>A trigger.</summary>
    Trigger,

    /// <summary>A view.</summary>
    View,

    /// <summary>A table's options (SQLite: <c>STRICT</c>, <c>WITHOUT ROWID</c>).</summary>
    TableOptions,

    /// <summary>A partitioned table's partition key.</summary>
    PartitionedTable,

    /// <summary>A partition of a partitioned table, with its bound.</summary>
    Partition,

    /// <summary>A materialized view.</summary>
    MaterializedView,

    /// <summary>An index on a materialized view.</summary>
    MaterializedViewIndex,

    /// <summary>An enumerated type and its values.</summary>
    EnumType,

    /// <summary>A domain.</summary>
    Domain,

    /// <summary>A sequence.</summary>
    Sequence,
}
