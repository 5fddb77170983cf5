using MigrationKit.Data.Endpoints;
using MigrationKit.Data.Moves;
using MigrationKit.Rollback;

namespace MigrationKit.Data.Databases;

/// <summary>
/// Describes a <see cref="DatabaseMove"/>. Every method returns the same builder; <see cref="Build"/> checks the
/// description on its own (the checks against the databases run when the move starts) and lists every problem at once.
/// </summary>
public sealed class DatabaseMoveBuilder
{
    private readonly List<string> _selected = [];
    private readonly List<string> _excluded = [];
    private readonly Dictionary<string, Action<DataMoveBuilder>> _overrides = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(string Table, string Column)> _deferred = [];

    internal DatabaseMoveBuilder(string name) => Name = name;

    internal string Name { get; }

    internal IDataEndpoint? SourceEndpoint { get; private set; }

    internal IDataEndpoint? TargetEndpoint { get; private set; }

    internal IReadOnlyList<string> Selected => _selected;

    internal IReadOnlyList<string> Excluded => _excluded;

    internal IReadOnlyDictionary<string, Action<DataMoveBuilder>> Overrides => _overrides;

    internal IReadOnlyList<(string Table, string Column)> Deferred => _deferred;

    internal int Batch { get; private set; } = 1_000;

    internal IRollbackManager? Checkpointer { get; private set; }

    /// <summary>Reads the tables of a database.</summary>
    /// <param name="source">The source database; its endpoint must also be an <see cref="IDataCatalog"/> (the built-in ones are).</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    public DatabaseMoveBuilder From(IDataEndpoint source)
    {
        ArgumentNullException.ThrowIfNull(source);
        SourceEndpoint = source;
        return this;
    }

    /// <summary>Writes into a database whose tables your migrations created; each source table goes to the target table of the same name unless <see cref="Table"/> says otherwise.</summary>
    /// <param name="target">The target database; its endpoint must also be an <see cref="IDataCatalog"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="target"/> is null.</exception>
    public DatabaseMoveBuilder To(IDataEndpoint target)
    {
        ArgumentNullException.ThrowIfNull(target);
        TargetEndpoint = target;
        return this;
    }

    /// <summary>Moves only these source tables (by default: every table but MigrationKit's own <c>__migrationkit…</c> tables).</summary>
    /// <param name="tables">Source table names.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">A name is empty.</exception>
    public DatabaseMoveBuilder Tables(params string[] tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        foreach (var table in tables)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(table, nameof(tables));
            _selected.Add(table);
        }

        return this;
    }

    /// <summary>Leaves source tables out.</summary>
    /// <param name="tables">Source table names.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">A name is empty.</exception>
    public DatabaseMoveBuilder Except(params string[] tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        foreach (var table in tables)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(table, nameof(tables));
            _excluded.Add(table);
        }

        return this;
    }

    /// <summary>
    /// Changes how one table moves. The builder handed to <paramref name="configure"/> already reads the source table
    /// and writes the target table of the same name; call <c>To</c> for another target table, <c>Where</c>, <c>Map</c>,
    /// <c>BatchSize</c> or <c>ErrorBudget</c>. In a database move each <c>Map</c> replaces or adds one column: the
    /// other columns of the same name still move, and a foreign key to a parent whose key a converter changed still
    /// goes through the parent's id map.
    /// </summary>
    /// <param name="table">The source table.</param>
    /// <param name="configure">The changes.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The table is empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="configure"/> is null.</exception>
    public DatabaseMoveBuilder Table(string table, Action<DataMoveBuilder> configure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        ArgumentNullException.ThrowIfNull(configure);
        _overrides[table] = configure;
        return this;
    }

    /// <summary>
    /// Breaks a foreign-key cycle (or a table referencing itself): the target column is loaded as NULL and filled in,
    /// through the parent's id map when its key changed, once every table is loaded. The column must accept NULL.
    /// </summary>
    /// <param name="table">The target table.</param>
    /// <param name="column">The target column, one of a foreign key's columns.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">A name is empty.</exception>
    public DatabaseMoveBuilder DeferColumn(string table, string column)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        ArgumentException.ThrowIfNullOrWhiteSpace(column);
        _deferred.Add((table, column));
        return this;
    }

    /// <summary>Sets the rows per batch of every table's move; 1,000 by default.</summary>
    /// <param name="rows">Between 1 and 1,000,000.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rows"/> is out of range.</exception>
    public DatabaseMoveBuilder BatchSize(int rows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rows, 1_000_000);
        Batch = rows;
        return this;
    }

    /// <summary>
    /// Takes a checkpoint of the target (a real backup, through its rollback manager) before the first row moves. A
    /// resumed run takes none: the checkpoint of the first run is the state before the move.
    /// </summary>
    /// <param name="targetRollbackManager">The target database's rollback manager (<c>IMigrationRunner.RollbackManager</c>), with a checkpoint directory configured.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="targetRollbackManager"/> is null.</exception>
    public DatabaseMoveBuilder CheckpointFirst(IRollbackManager targetRollbackManager)
    {
        ArgumentNullException.ThrowIfNull(targetRollbackManager);
        Checkpointer = targetRollbackManager;
        return this;
    }

    /// <summary>Checks the description and returns the move.</summary>
    /// <returns>The move.</returns>
    /// <exception cref="DataMoveDefinitionException">The description is incomplete or contradictory; the message lists every problem.</exception>
    public DatabaseMove Build()
    {
        var problems = new List<string>();
        if (SourceEndpoint is null)
        {
            problems.Add("no source: call From(source)");
        }
        else if (SourceEndpoint is not IDataCatalog)
        {
            problems.Add($"the source endpoint {SourceEndpoint.DisplayName} cannot list its tables and foreign keys (it is not an IDataCatalog); move its tables one by one with DataMove.Named");
        }

        if (TargetEndpoint is null)
        {
            problems.Add("no target: call To(target)");
        }
        else if (TargetEndpoint is not IDataCatalog)
        {
            problems.Add($"the target endpoint {TargetEndpoint.DisplayName} cannot list its tables and foreign keys (it is not an IDataCatalog); move the tables one by one with DataMove.Named");
        }

        if (Name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            problems.Add($"the name '{Name}' may hold only letters, digits, '-', '_' and '.'");
        }

        foreach (var table in _selected.Intersect(_excluded, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add($"table '{table}' is both chosen with Tables() and left out with Except()");
        }

        if (problems.Count > 0)
        {
            throw new DataMoveDefinitionException(Name, problems);
        }

        return new DatabaseMove(this);
    }
}
