using MigrationKit.Operations;

namespace MigrationKit.Inspection;

/// <summary>
/// A sequence, with the column that owns it when there is one (dropped with that column). Sequences that back identity
/// columns are part of the column (<see cref="ColumnSchema.IsIdentity"/>) and not listed.
/// </summary>
/// <param name="Name">The sequence's name.</param>
/// <param name="DataType">Its type, such as <c>bigint</c>.</param>
public sealed record SequenceSchema(QualifiedName Name, string DataType)
{
    /// <summary>The first value.</summary>
    public long StartValue { get; init; } = 1;

    /// <summary>The step between values.</summary>
    public long Increment { get; init; } = 1;

    /// <summary>The lowest value.</summary>
    public long MinValue { get; init; } = 1;

    /// <summary>The highest value.</summary>
    public long MaxValue { get; init; } = long.MaxValue;

    /// <summary>How many values are allocated at a time.</summary>
    public long Cache { get; init; } = 1;

    /// <summary>Whether it starts again after its last value.</summary>
    public bool Cycles { get; init; }

    /// <summary>The table of the column that owns the sequence, or <see langword="null"/>.</summary>
    public QualifiedName? OwnedByTable { get; init; }

    /// <summary>The column that owns the sequence, or <see langword="null"/>.</summary>
    public string? OwnedByColumn { get; init; }
}
