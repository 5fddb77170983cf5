using MigrationKit.Data.Endpoints;

namespace MigrationKit.Data.Moves;

/// <summary>
/// A validated description of one data move: rows of a source table, optionally filtered, mapped column by column into
/// a target table. Start one with <see cref="Named"/>, run it with <see cref="DataMover"/>. The description is checked
/// against both databases before the first row moves.
/// </summary>
public sealed class DataMove
{
    internal DataMove(DataMoveBuilder builder)
    {
        Name = builder.Name;
        Source = builder.SourceEndpoint!;
        SourceTable = builder.SourceTableName!;
        SourceKey = builder.SourceKeyColumns;
        Filter = builder.FilterSql;
        Target = builder.TargetEndpoint!;
        TargetTable = builder.TargetTableName!;
        Mappings = builder.Mappings.ToArray();
        BatchSize = builder.Batch;
        ErrorBudgetRows = builder.BudgetRows;
        ErrorBudgetRatio = builder.BudgetRatio;
        RollbackManager = builder.Checkpointer;
    }

    /// <summary>The move's name: it keys the progress rows and the id map, so a rerun with the same name resumes.</summary>
    public string Name { get; }

    /// <summary>The database rows are read from.</summary>
    public IDataEndpoint Source { get; }

    /// <summary>The source table.</summary>
    public string SourceTable { get; }

    /// <summary>The source key columns (empty: the table's primary key, or the engine's implicit key such as SQLite's rowid).</summary>
    public IReadOnlyList<string> SourceKey { get; }

    /// <summary>The SQL condition that filters source rows, or null.</summary>
    public string? Filter { get; }

    /// <summary>The database rows are written to.</summary>
    public IDataEndpoint Target { get; }

    /// <summary>The target table.</summary>
    public string TargetTable { get; }

    /// <summary>Rows per batch, that is per target transaction.</summary>
    public int BatchSize { get; }

    /// <summary>The most rows the move may reject, or null when only the ratio (or nothing) bounds them.</summary>
    public long? ErrorBudgetRows { get; }

    /// <summary>The most rows the move may reject as a share of the rows read, or null.</summary>
    public double? ErrorBudgetRatio { get; }

    internal bool HasErrorBudget => ErrorBudgetRows is not null || ErrorBudgetRatio is not null;

    internal bool WithinBudget(long rejected, long read) =>
        (ErrorBudgetRows is not { } rows || rejected <= rows) && (ErrorBudgetRatio is not { } ratio || rejected <= ratio * read);

    internal IReadOnlyList<ColumnMapping> Mappings { get; }

    internal MigrationKit.Rollback.IRollbackManager? RollbackManager { get; }

    /// <summary>Starts the description of a move.</summary>
    /// <param name="name">A name unique among the moves into one target (letters, digits, <c>-</c>, <c>_</c>, <c>.</c>).</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    public static DataMoveBuilder Named(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new DataMoveBuilder(name);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {SourceTable} on {Source.DisplayName} → {TargetTable} on {Target.DisplayName}";
}
