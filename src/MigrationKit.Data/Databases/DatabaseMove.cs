using MigrationKit.Data.Endpoints;
using MigrationKit.Data.Moves;
using MigrationKit.Rollback;

namespace MigrationKit.Data.Databases;

/// <summary>
/// A validated description of a whole-database copy: every table of a source (or a chosen set) into a target whose
/// schema your migrations already created, one resumable <see cref="DataMove"/> per table, run in foreign-key order,
/// child keys remapped through the parents' id maps when a parent's key changes (integer to UUID, say). Start one with
/// <see cref="Named"/>, run it with <see cref="DataMover.RunAsync(DatabaseMove, IProgress{DataMoveProgress}?, CancellationToken)"/>.
/// </summary>
public sealed class DatabaseMove
{
    internal DatabaseMove(DatabaseMoveBuilder builder)
    {
        Name = builder.Name;
        Source = builder.SourceEndpoint!;
        Target = builder.TargetEndpoint!;
        Tables = builder.Selected.ToArray();
        ExcludedTables = builder.Excluded.ToArray();
        BatchSize = builder.Batch;
        Overrides = new Dictionary<string, Action<DataMoveBuilder>>(builder.Overrides, StringComparer.OrdinalIgnoreCase);
        DeferredColumns = builder.Deferred.ToArray();
        RollbackManager = builder.Checkpointer;
    }

    /// <summary>The move's name; each table's move is named <c>&lt;name&gt;.&lt;source table&gt;</c>, so a rerun with the same name resumes.</summary>
    public string Name { get; }

    /// <summary>The database rows are read from.</summary>
    public IDataEndpoint Source { get; }

    /// <summary>The database rows are written to; the control tables live there too.</summary>
    public IDataEndpoint Target { get; }

    /// <summary>The source tables chosen, or empty for every table of the source (but <see cref="ExcludedTables"/>).</summary>
    public IReadOnlyList<string> Tables { get; }

    /// <summary>The source tables left out.</summary>
    public IReadOnlyList<string> ExcludedTables { get; }

    /// <summary>Rows per batch of each table's move (a table's override may change it).</summary>
    public int BatchSize { get; }

    internal IReadOnlyDictionary<string, Action<DataMoveBuilder>> Overrides { get; }

    /// <summary>Target (table, column) pairs loaded as NULL and filled in after every table is loaded.</summary>
    internal IReadOnlyList<(string Table, string Column)> DeferredColumns { get; }

    internal IRollbackManager? RollbackManager { get; }

    /// <summary>Starts the description of a whole-database move.</summary>
    /// <param name="name">A name unique among the moves into one target (letters, digits, <c>-</c>, <c>_</c>, <c>.</c>).</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    public static DatabaseMoveBuilder Named(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new DatabaseMoveBuilder(name);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {Source.DisplayName} → {Target.DisplayName}";
}
