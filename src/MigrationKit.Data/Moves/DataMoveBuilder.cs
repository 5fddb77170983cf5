using MigrationKit.Data.Conversion;
using MigrationKit.Data.Endpoints;

namespace MigrationKit.Data.Moves;

/// <summary>
/// Describes a <see cref="DataMove"/>. Every method returns the same builder; <see cref="Build"/> checks the description
/// on its own (the checks against the databases run when the move starts) and lists every problem at once.
/// </summary>
public sealed class DataMoveBuilder
{
    private readonly List<ColumnMapping> _mappings = [];

    internal DataMoveBuilder(string name) => Name = name;

    internal string Name { get; }

    internal IDataEndpoint? SourceEndpoint { get; private set; }

    internal string? SourceTableName { get; private set; }

    internal string[] SourceKeyColumns { get; private set; } = [];

    internal string? FilterSql { get; private set; }

    internal IDataEndpoint? TargetEndpoint { get; private set; }

    internal string? TargetTableName { get; private set; }

    internal int Batch { get; private set; } = 1_000;

    internal long? BudgetRows { get; private set; }

    internal double? BudgetRatio { get; private set; }

    internal IReadOnlyList<ColumnMapping> Mappings => _mappings;

    internal MigrationKit.Rollback.IRollbackManager? Checkpointer { get; private set; }

    /// <summary>Reads rows from a table.</summary>
    /// <param name="source">The source database.</param>
    /// <param name="table">The table, optionally schema-qualified.</param>
    /// <param name="key">The key columns read in order (keyset batches); none for the table's primary key, or the engine's implicit key (SQLite's <c>rowid</c>) when it has none.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <exception cref="ArgumentException">The table or a key column is empty.</exception>
    public DataMoveBuilder From(IDataEndpoint source, string table, params string[] key)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        ArgumentNullException.ThrowIfNull(key);
        foreach (var column in key)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(column, nameof(key));
        }

        SourceEndpoint = source;
        SourceTableName = table;
        SourceKeyColumns = key;
        return this;
    }

    /// <summary>Moves only the source rows that satisfy a SQL condition of the source engine.</summary>
    /// <param name="condition">The condition, for example <c>deleted = 0</c>. It must be deterministic, so that a resumed move reads the same rows.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The condition is empty.</exception>
    public DataMoveBuilder Where(string condition)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(condition);
        FilterSql = condition;
        return this;
    }

    /// <summary>Writes rows into a table.</summary>
    /// <param name="target">The target database; the move's control tables live there too.</param>
    /// <param name="table">The table, optionally schema-qualified.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="target"/> is null.</exception>
    /// <exception cref="ArgumentException">The table is empty.</exception>
    public DataMoveBuilder To(IDataEndpoint target, string table)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        TargetEndpoint = target;
        TargetTableName = table;
        return this;
    }

    /// <summary>
    /// Writes a source column into a target column, converted strictly to the target column's type after the optional
    /// converter. Without any <c>Map</c>, every source column that has a target column of the same name is moved.
    /// </summary>
    /// <param name="source">The source column (or the implicit key, such as <c>rowid</c>).</param>
    /// <param name="to">The target column.</param>
    /// <param name="converter">A converter from <see cref="DataConvert"/>, or null for the type conversion alone.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">A column name is empty.</exception>
    public DataMoveBuilder Map(string source, string to, DataConverter? converter = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(to);
        _mappings.Add(new ColumnMapping(source, to, converter));
        return this;
    }

    /// <summary>Sets the rows per batch (one target transaction each); 1,000 by default.</summary>
    /// <param name="rows">Between 1 and 1,000,000.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rows"/> is out of range.</exception>
    public DataMoveBuilder BatchSize(int rows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rows, 1_000_000);
        Batch = rows;
        return this;
    }

    /// <summary>
    /// Lets the move go on past bad rows, up to a number of them: a row that cannot be converted, or that the target
    /// refuses (the batch is split until the refused rows are isolated), is recorded in the rejects table with its
    /// original values and the reason, in the batch's transaction. One more bad row stops the move like the default,
    /// which stops at the first.
    /// </summary>
    /// <param name="rows">The most rows the move may reject in all (runs resumed included); 0 or more.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rows"/> is negative.</exception>
    public DataMoveBuilder ErrorBudget(long rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        BudgetRows = rows;
        return this;
    }

    /// <summary>Like <see cref="ErrorBudget(long)"/>, with the budget as a share of the rows read so far.</summary>
    /// <param name="ratio">Between 0 and 1, for example 0.001 for one row in a thousand.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ratio"/> is out of range.</exception>
    public DataMoveBuilder ErrorBudgetRatio(double ratio)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ratio);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ratio, 1.0);
        BudgetRatio = ratio;
        return this;
    }

    /// <summary>
    /// Takes a checkpoint of the target (a real backup, through its rollback manager) before the first batch of the
    /// move's first run. A resumed run takes none: the first run's checkpoint is the state before the move.
    /// </summary>
    /// <param name="targetRollbackManager">The target database's rollback manager (<c>IMigrationRunner.RollbackManager</c>), with a checkpoint directory configured.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="targetRollbackManager"/> is null.</exception>
    public DataMoveBuilder CheckpointFirst(MigrationKit.Rollback.IRollbackManager targetRollbackManager)
    {
        ArgumentNullException.ThrowIfNull(targetRollbackManager);
        Checkpointer = targetRollbackManager;
        return this;
    }

    /// <summary>Checks the description and returns the move.</summary>
    /// <returns>The move.</returns>
    /// <exception cref="DataMoveDefinitionException">The description is incomplete or contradictory; the message lists every problem.</exception>
    public DataMove Build()
    {
        var problems = new List<string>();
        if (SourceEndpoint is null)
        {
            problems.Add("no source: call From(source, table)");
        }

        if (TargetEndpoint is null)
        {
            problems.Add("no target: call To(target, table)");
        }

        if (Name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            problems.Add($"the name '{Name}' may hold only letters, digits, '-', '_' and '.'");
        }

        foreach (var duplicate in _mappings.GroupBy(m => m.Target, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            problems.Add($"target column '{duplicate.Key}' is mapped {duplicate.Count()} times");
        }

        var newGuids = _mappings.Where(m => m.Converter?.Kind == DataConverterKind.NewGuid).ToList();
        if (newGuids.Count > 1)
        {
            problems.Add($"ToNewGuid() is used on {newGuids.Count} columns ({string.Join(", ", newGuids.Select(m => m.Source))}); a row has one new key");
        }

        if (SourceKeyColumns.Length > 1 && newGuids.Count > 0)
        {
            problems.Add("ToNewGuid() needs a single-column source key, and the key has " + SourceKeyColumns.Length + " columns");
        }

        if (SourceKeyColumns.Length > 0 && newGuids.Count == 1 && !SourceKeyColumns.Contains(newGuids[0].Source, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add($"ToNewGuid() is on '{newGuids[0].Source}', which is not the source key ({string.Join(", ", SourceKeyColumns)})");
        }

        if (problems.Count > 0)
        {
            throw new DataMoveDefinitionException(Name, problems);
        }

        return new DataMove(this);
    }
}
