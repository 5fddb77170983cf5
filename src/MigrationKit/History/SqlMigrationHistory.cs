using System.Data.Common;
using System.Globalization;
using MigrationKit.Operations;
using MigrationKit.Providers;
using MigrationKit.Runs;

namespace MigrationKit.History;

/// <summary>History, journal and runs in three tables, created through the provider's own SQL generator.</summary>
internal sealed class SqlMigrationHistory : IMigrationHistory
{
    private readonly MigrationSession _session;
    private readonly MigrationHistoryOptions _options;
    private readonly string _history;
    private readonly string _journal;
    private readonly string _runs;
    private readonly QualifiedName _digestTable;
    private readonly string _digest;

    public SqlMigrationHistory(MigrationSession session, MigrationHistoryOptions options)
    {
        _session = session;
        _options = options;
        var generator = session.Provider.SqlGenerator;
        _history = generator.Quote(options.HistoryTable);
        _journal = generator.Quote(options.JournalTable);
        _runs = generator.Quote(options.RunsTable);
        _digestTable = DigestTable(options);
        _digest = generator.Quote(_digestTable);
    }

    /// <summary>
    /// The one-row table that holds the digest of the applied set, beside the history table and named after it (so
    /// that every history, whatever its name or schema, has its own): created the first time a digest is recorded.
    /// </summary>
    public static QualifiedName DigestTable(MigrationHistoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.HistoryTable with { Name = options.HistoryTable.Name + "_digest" };
    }

    public async ValueTask EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        if (await ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var generator = _session.Provider.SqlGenerator;
        var schemas = new[] { _options.HistoryTable.Schema, _options.JournalTable.Schema, _options.RunsTable.Schema }.OfType<string>().Distinct(StringComparer.Ordinal)
            .Select(s => (MigrationOperation)new CreateSchemaOperation(s));
        // The runs table may exist already: another history (other table names) of the same database created it.
        MigrationOperation[] tables = await RunsTableExistsAsync(cancellationToken).ConfigureAwait(false)
            ? [HistoryTableDefinition(_options.HistoryTable), JournalTableDefinition(_options.JournalTable)]
            : [HistoryTableDefinition(_options.HistoryTable), JournalTableDefinition(_options.JournalTable), RunsTableDefinition(_options.RunsTable)];
        foreach (var operation in schemas.Concat(tables))
        {
            foreach (var statement in await generator.GenerateAsync(operation, EmptySchema.Instance, cancellationToken).ConfigureAwait(false))
            {
                await OwnAsync(statement, () => _session.ExecuteAsync(statement, cancellationToken).AsTask(), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async ValueTask<bool> ExistsAsync(CancellationToken cancellationToken = default) =>
        await OwnAsync(null, () => _session.Provider.SchemaReader.TableExistsAsync(_session, _options.HistoryTable, cancellationToken).AsTask(), cancellationToken).ConfigureAwait(false);

    public async ValueTask<IReadOnlyList<AppliedMigration>> GetAppliedAsync(CancellationToken cancellationToken = default)
    {
        var command = _session.CreateCommand($"SELECT version, description, checksum, applied_at, duration_ms, applied_by, library_version FROM {_history} ORDER BY version");
        await using (command.ConfigureAwait(false))
        {
            return await ReadAllAsync(command, reader => new AppliedMigration(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                ReadTimestamp(reader, 3),
                TimeSpan.FromMilliseconds(reader.GetInt64(4)),
                reader.GetString(5),
                reader.GetString(6)), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Versions and checksums of the applied migrations: all that deciding "nothing pending" needs, without the other columns.</summary>
    public async ValueTask<IReadOnlyList<AppliedChecksum>> GetAppliedChecksumsAsync(CancellationToken cancellationToken = default)
    {
        var command = _session.CreateCommand($"SELECT version, checksum FROM {_history} ORDER BY version");
        await using (command.ConfigureAwait(false))
        {
            return await ReadAllAsync(command, reader => new AppliedChecksum(reader.GetInt64(0), reader.GetString(1)), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Whether the history has the row of <paramref name="version"/>; the statements the provider queued on the session
    /// (its settings for the migration about to run) go in the same round trip, after the read.
    /// </summary>
    public async ValueTask<bool> IsAppliedAsync(long version, CancellationToken cancellationToken = default)
    {
        var sql = $"SELECT COUNT(*) FROM {_history} WHERE version = @version";
        try
        {
            return Convert.ToInt64(await _session.ScalarWithPendingAsync(sql, [("version", version)], cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) > 0;
        }
        catch (DbException e) when (!cancellationToken.IsCancellationRequested && !_session.Provider.IsConnectionFailure(e) && !_session.Provider.IsLockTimeout(e))
        {
            // The statement that failed: the read, or one of the provider's that came with it.
            throw new MigrationBookkeepingException(e.BatchCommand?.CommandText ?? sql, e);
        }
    }

    public ValueTask AddAsync(AppliedMigration migration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(migration);
        return ExecuteAsync(AddSql, cancellationToken, AddParameters(migration));
    }

    /// <summary>
    /// Writes the history row of an applied migration and its journal entry in one command (one round trip instead
    /// of two), in the session's transaction: the same rows as <see cref="AddAsync"/> then <see cref="AppendJournalAsync"/>.
    /// </summary>
    public ValueTask AddWithJournalAsync(AppliedMigration migration, JournalEntry entry, CancellationToken cancellationToken = default) =>
        ExecuteAsync(AddSql + ";\n" + JournalSql("j_"), cancellationToken, [.. AddParameters(migration), .. JournalParameters(entry, "j_")]);

    /// <summary>
    /// Deletes the history row of a reverted migration and writes its journal entry in one command: the same as
    /// <see cref="RemoveAsync"/> then <see cref="AppendJournalAsync"/>.
    /// </summary>
    public ValueTask RemoveWithJournalAsync(long version, JournalEntry entry, CancellationToken cancellationToken = default) =>
        ExecuteAsync(RemoveSql + ";\n" + JournalSql("j_"), cancellationToken, [("version", version), .. JournalParameters(entry, "j_")]);

    /// <summary>
    /// Appends <paramref name="entry"/> (which has neither a duration nor an error) only when the history says the
    /// migration of its version is applied (<paramref name="whenApplied"/> true) or not applied (false), in one
    /// statement: the check of <see cref="IsAppliedAsync"/> and <see cref="AppendJournalAsync"/> in one round trip. The
    /// entry is the "started" one written just before a migration's transaction, so it is written in the provider's
    /// unflushed scope (<see cref="MigrationProvider.BeginUnflushedWriteAsync"/>): the commit that follows makes it durable.
    /// </summary>
    /// <returns>Whether the history matched, so the entry was written.</returns>
    public async ValueTask<bool> TryAppendJournalAsync(JournalEntry entry, bool whenApplied, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var version = entry.Version ?? throw new ArgumentException("The journal entry must name a migration version.", nameof(entry));
        var unflushed = await _session.Provider.BeginUnflushedWriteAsync(_session, cancellationToken).ConfigureAwait(false);
        await using (unflushed.ConfigureAwait(false))
        {
            return await AppendJournalIfAsync(entry, version, whenApplied, cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask<bool> AppendJournalIfAsync(JournalEntry entry, long version, bool whenApplied, CancellationToken cancellationToken)
    {
        var command = _session.CreateCommand(
            $"INSERT INTO {_journal} (run_id, version, action, status, occurred_at, applied_by) SELECT @run_id, @version, @action, @status, @occurred_at, @applied_by WHERE {(whenApplied ? "" : "NOT ")}EXISTS (SELECT 1 FROM {_history} WHERE version = @h_version)");
        await using (command.ConfigureAwait(false))
        {
            MigrationSession.AddParameter(command, "run_id", entry.RunId.ToString("D"));
            MigrationSession.AddParameter(command, "version", entry.Version);
            MigrationSession.AddParameter(command, "action", entry.Action.ToString());
            MigrationSession.AddParameter(command, "status", entry.Status.ToString());
            MigrationSession.AddParameter(command, "occurred_at", entry.OccurredAt.ToUniversalTime());
            MigrationSession.AddParameter(command, "applied_by", entry.AppliedBy);
            MigrationSession.AddParameter(command, "h_version", version);
            return await OwnAsync(command.CommandText, () => command.ExecuteNonQueryAsync(cancellationToken), cancellationToken).ConfigureAwait(false) > 0;
        }
    }

    public ValueTask RemoveAsync(long version, CancellationToken cancellationToken = default) =>
        ExecuteAsync(RemoveSql, cancellationToken, ("version", version));

    public ValueTask UpdateChecksumAsync(long version, string checksum, string description, CancellationToken cancellationToken = default) =>
        ExecuteAsync($"UPDATE {_history} SET checksum = @checksum, description = @description WHERE version = @version", cancellationToken, ("checksum", checksum), ("description", description), ("version", version));

    public ValueTask AppendJournalAsync(JournalEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return ExecuteAsync(JournalSql(string.Empty), cancellationToken, JournalParameters(entry, string.Empty));
    }

    public async ValueTask<IReadOnlyList<long>> GetIncompleteAsync(CancellationToken cancellationToken = default)
    {
        var command = _session.CreateCommand(
            // The last entry of each version, found by one grouping pass: a subquery per entry would read the whole
            // journal once per migration applied (each leaves a Started entry), at every startup.
            $"SELECT j.version FROM {_journal} j JOIN (SELECT MAX(id) AS id FROM {_journal} WHERE version IS NOT NULL GROUP BY version) last ON last.id = j.id"
            + " WHERE j.status IN ('Incomplete', 'Started') ORDER BY j.version");
        await using (command.ConfigureAwait(false))
        {
            return await ReadAllAsync(command, reader => reader.GetInt64(0), cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask<IReadOnlyList<JournalEntry>> GetJournalAsync(CancellationToken cancellationToken = default) =>
        await ReadJournalAsync(string.Empty, since: null, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Creates the runs table when it is missing (a database whose history was created before runs were recorded),
    /// then inserts the run's row: the table check and the insert are the two round trips a run that does something
    /// pays for its record.
    /// </summary>
    public async ValueTask StartRunAsync(MigrationRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (!await RunsTableExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            await CreateRunsTableAsync(cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(
            $"INSERT INTO {_runs} (run_id, command, target, from_version, applied_by, host, process_id, started_at, outcome, steps, retries) VALUES (@run_id, @command, @target, @from_version, @applied_by, @host, @process_id, @started_at, @outcome, @steps, @retries)",
            cancellationToken,
            ("run_id", run.RunId.ToString("D")),
            ("command", run.Command.ToString()),
            ("target", run.Target),
            ("from_version", run.FromVersion),
            ("applied_by", run.AppliedBy),
            ("host", run.Host),
            ("process_id", (long)run.ProcessId),
            ("started_at", run.StartedAt.ToUniversalTime()),
            ("outcome", nameof(MigrationRunOutcome.Running)),
            ("steps", (long)run.StepsApplied),
            ("retries", (long)run.Retries)).ConfigureAwait(false);
    }

    public ValueTask FinishRunAsync(MigrationRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        return ExecuteAsync(
            $"UPDATE {_runs} SET to_version = @to_version, finished_at = @finished_at, duration_ms = @duration_ms, outcome = @outcome, steps = @steps, retries = @retries, error = @error WHERE run_id = @run_id",
            cancellationToken,
            ("to_version", run.ToVersion),
            ("finished_at", run.FinishedAt?.ToUniversalTime()),
            ("duration_ms", run.Duration is { } d ? (long)d.TotalMilliseconds : null),
            ("outcome", run.Outcome.ToString()),
            ("steps", (long)run.StepsApplied),
            ("retries", (long)run.Retries),
            ("error", run.Error),
            ("run_id", run.RunId.ToString("D")));
    }

    public async ValueTask<IReadOnlyList<MigrationRun>> GetRunsAsync(DateTimeOffset? since, CancellationToken cancellationToken = default)
    {
        if (!await RunsTableExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            return [];
        }

        var where = since is null ? string.Empty : " WHERE started_at >= @since";
        IReadOnlyList<MigrationRun> runs;
        var command = _session.CreateCommand(
            $"SELECT run_id, command, target, from_version, to_version, applied_by, host, process_id, started_at, finished_at, duration_ms, outcome, steps, retries, error FROM {_runs}{where} ORDER BY started_at DESC, id DESC");
        await using (command.ConfigureAwait(false))
        {
            AddSince(command, since);
            runs = await ReadAllAsync(command, reader => new MigrationRun(
                Guid.Parse(reader.GetString(0)),
                Enum.Parse<MigrationRunCommand>(reader.GetString(1)),
                reader.GetString(2),
                ReadTimestamp(reader, 8))
            {
                FromVersion = reader.GetInt64(3),
                ToVersion = reader.IsDBNull(4) ? null : reader.GetInt64(4),
                AppliedBy = reader.GetString(5),
                Host = reader.GetString(6),
                ProcessId = (int)reader.GetInt64(7),
                FinishedAt = reader.IsDBNull(9) ? null : ReadTimestamp(reader, 9),
                Duration = reader.IsDBNull(10) ? null : TimeSpan.FromMilliseconds(reader.GetInt64(10)),
                Outcome = Enum.Parse<MigrationRunOutcome>(reader.GetString(11)),
                StepsApplied = (int)reader.GetInt64(12),
                Retries = (int)reader.GetInt64(13),
                Error = reader.IsDBNull(14) ? null : reader.GetString(14),
            }, cancellationToken).ConfigureAwait(false);
        }

        if (runs.Count == 0)
        {
            return runs;
        }

        // The entries of exactly these runs, in one read: the journal's rows of older runs are not read.
        var entries = await ReadJournalAsync($" WHERE run_id IN (SELECT run_id FROM {_runs}{where})", since, cancellationToken).ConfigureAwait(false);
        var byRun = entries.ToLookup(e => e.RunId);
        return runs.Select(r => r with { Entries = byRun[r.RunId].ToArray() }).ToArray();
    }

    private async Task<List<JournalEntry>> ReadJournalAsync(string where, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var command = _session.CreateCommand($"SELECT id, run_id, version, action, status, occurred_at, duration_ms, error, applied_by FROM {_journal}{where} ORDER BY id");
        await using (command.ConfigureAwait(false))
        {
            AddSince(command, since);
            return await ReadAllAsync(command, reader => new JournalEntry(
                Guid.Parse(reader.GetString(1)),
                reader.IsDBNull(2) ? null : reader.GetInt64(2),
                Enum.Parse<JournalAction>(reader.GetString(3)),
                Enum.Parse<JournalStatus>(reader.GetString(4)),
                ReadTimestamp(reader, 5))
            {
                Id = reader.GetInt64(0),
                Duration = reader.IsDBNull(6) ? null : TimeSpan.FromMilliseconds(reader.GetInt64(6)),
                Error = reader.IsDBNull(7) ? null : reader.GetString(7),
                AppliedBy = reader.GetString(8),
            }, cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask<bool> RunsTableExistsAsync(CancellationToken cancellationToken) =>
        await OwnAsync(null, () => _session.Provider.SchemaReader.TableExistsAsync(_session, _options.RunsTable, cancellationToken).AsTask(), cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Creates the runs table of a database made before runs were recorded, in a transaction that checks again, so
    /// that runners starting together (SQLite holds no run-level lock) do not both create it. No schema is created
    /// unless the runs table has one of its own: the history's exists already.
    /// </summary>
    private async ValueTask CreateRunsTableAsync(CancellationToken cancellationToken)
    {
        var generator = _session.Provider.SqlGenerator;
        var operations = new List<MigrationOperation>();
        if (_options.RunsTable.Schema is { } schema && schema != _options.HistoryTable.Schema && schema != _options.JournalTable.Schema)
        {
            operations.Add(new CreateSchemaOperation(schema));
        }

        operations.Add(RunsTableDefinition(_options.RunsTable));
        var transaction = await _session.Provider.BeginTransactionAsync(_session, cancellationToken).ConfigureAwait(false);
        _session.Transaction = transaction;
        try
        {
            if (!await RunsTableExistsAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var operation in operations)
                {
                    foreach (var statement in await generator.GenerateAsync(operation, EmptySchema.Instance, cancellationToken).ConfigureAwait(false))
                    {
                        await OwnAsync(statement, () => _session.ExecuteAsync(statement, cancellationToken).AsTask(), cancellationToken).ConfigureAwait(false);
                    }
                }
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _session.Transaction = null;
            await transaction.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static void AddSince(DbCommand command, DateTimeOffset? since)
    {
        if (since is { } from)
        {
            MigrationSession.AddParameter(command, "since", from.ToUniversalTime());
        }
    }

    public async ValueTask<long?> ReadAppliedDigestAsync(CancellationToken cancellationToken = default)
    {
        // Current only while the history has as many rows and the journal the same newest entry as when it was written:
        // every step, repair, baseline or failure writes a journal entry, and a row deleted or added by hand changes the count.
        var command = _session.CreateCommand(
            $"SELECT d.digest FROM {_digest} d WHERE d.id = 1 AND d.applied = (SELECT COUNT(*) FROM {_history}) AND d.journal_id = (SELECT COALESCE(MAX(id), 0) FROM {_journal})");
        await using (command.ConfigureAwait(false))
        {
            try
            {
                return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is { } digest and not DBNull ? Convert.ToInt64(digest, CultureInfo.InvariantCulture) : null;
            }
            catch (DbException e) when (!cancellationToken.IsCancellationRequested && !_session.Provider.IsConnectionFailure(e))
            {
                // No digest table yet (a database of an earlier version, or no history at all): the full read decides.
                return null;
            }
        }
    }

    public async ValueTask WriteAppliedDigestAsync(long digest, CancellationToken cancellationToken = default)
    {
        if (!await OwnAsync(null, () => _session.Provider.SchemaReader.TableExistsAsync(_session, _digestTable, cancellationToken).AsTask(), cancellationToken).ConfigureAwait(false))
        {
            foreach (var statement in await _session.Provider.SqlGenerator.GenerateAsync(DigestTableDefinition(_digestTable), EmptySchema.Instance, cancellationToken).ConfigureAwait(false))
            {
                await OwnAsync(statement, () => _session.ExecuteAsync(statement, cancellationToken).AsTask(), cancellationToken).ConfigureAwait(false);
            }
        }

        await ExecuteAsync(
            $"DELETE FROM {_digest};\nINSERT INTO {_digest} (id, digest, applied, journal_id) SELECT 1, @digest, (SELECT COUNT(*) FROM {_history}), (SELECT COALESCE(MAX(id), 0) FROM {_journal})",
            cancellationToken,
            ("digest", digest)).ConfigureAwait(false);
    }

    /// <summary>Creating the history needs no knowledge of the current schema.</summary>
    private sealed class EmptySchema : IMigrationSchemaContext
    {
        public static readonly EmptySchema Instance = new();

        public ValueTask<Inspection.DatabaseSchema> GetCurrentSchemaAsync(CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Inspection.DatabaseSchema.Empty);
    }

    private static DateTimeOffset ReadTimestamp(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal).ToUniversalTime();

    private static CreateTableOperation HistoryTableDefinition(QualifiedName table)
    {
        var builder = new MigrationBuilder();
        builder.CreateTable(table.Name, t =>
        {
            t.Column("version").AsInt64().PrimaryKey();
            t.Column("description").AsText();
            t.Column("checksum").AsString(100);
            t.Column("applied_at").AsDateTimeOffset();
            t.Column("duration_ms").AsInt64();
            t.Column("applied_by").AsText();
            t.Column("library_version").AsString(50);
        });
        return (CreateTableOperation)builder.Operations[0] with { Table = table };
    }

    private static CreateTableOperation JournalTableDefinition(QualifiedName table)
    {
        var builder = new MigrationBuilder();
        builder.CreateTable(table.Name, t =>
        {
            t.Column("id").AsInt64().Identity().PrimaryKey();
            t.Column("run_id").AsString(36);
            t.Column("version").AsInt64().Nullable();
            t.Column("action").AsString(20);
            t.Column("status").AsString(20);
            t.Column("occurred_at").AsDateTimeOffset();
            t.Column("duration_ms").AsInt64().Nullable();
            t.Column("error").AsText().Nullable();
            t.Column("applied_by").AsText();
        });
        return (CreateTableOperation)builder.Operations[0] with { Table = table };
    }

    private static CreateTableOperation RunsTableDefinition(QualifiedName table)
    {
        var builder = new MigrationBuilder();
        builder.CreateTable(table.Name, t =>
        {
            t.Column("id").AsInt64().Identity().PrimaryKey();
            t.Column("run_id").AsString(36);
            t.Column("command").AsString(20);
            t.Column("target").AsString(50);
            t.Column("from_version").AsInt64();
            t.Column("to_version").AsInt64().Nullable();
            t.Column("applied_by").AsText();
            t.Column("host").AsText();
            t.Column("process_id").AsInt64();
            t.Column("started_at").AsDateTimeOffset();
            t.Column("finished_at").AsDateTimeOffset().Nullable();
            t.Column("duration_ms").AsInt64().Nullable();
            t.Column("outcome").AsString(20);
            t.Column("steps").AsInt64();
            t.Column("retries").AsInt64();
            t.Column("error").AsText().Nullable();
        });
        return (CreateTableOperation)builder.Operations[0] with { Table = table };
    }

    private static CreateTableOperation DigestTableDefinition(QualifiedName table)
    {
        var builder = new MigrationBuilder();
        builder.CreateTable(table.Name, t =>
        {
            t.Column("id").AsInt64().PrimaryKey();
            t.Column("digest").AsInt64();
            t.Column("applied").AsInt64();
            t.Column("journal_id").AsInt64();
        });
        return (CreateTableOperation)builder.Operations[0] with { Table = table };
    }

    private string AddSql =>
        $"INSERT INTO {_history} (version, description, checksum, applied_at, duration_ms, applied_by, library_version) VALUES (@version, @description, @checksum, @applied_at, @duration_ms, @applied_by, @library_version)";

    private string RemoveSql => $"DELETE FROM {_history} WHERE version = @version";

    private static (string Name, object? Value)[] AddParameters(AppliedMigration migration) =>
    [
        ("version", migration.Version),
        ("description", migration.Description),
        ("checksum", migration.Checksum),
        ("applied_at", migration.AppliedAt.ToUniversalTime()),
        ("duration_ms", (long)migration.Duration.TotalMilliseconds),
        ("applied_by", migration.AppliedBy),
        ("library_version", migration.LibraryVersion),
    ];

    private string JournalSql(string prefix) =>
        $"INSERT INTO {_journal} (run_id, version, action, status, occurred_at, duration_ms, error, applied_by) VALUES (@{prefix}run_id, @{prefix}version, @{prefix}action, @{prefix}status, @{prefix}occurred_at, @{prefix}duration_ms, @{prefix}error, @{prefix}applied_by)";

    private static (string Name, object? Value)[] JournalParameters(JournalEntry entry, string prefix) =>
    [
        (prefix + "run_id", entry.RunId.ToString("D")),
        (prefix + "version", entry.Version),
        (prefix + "action", entry.Action.ToString()),
        (prefix + "status", entry.Status.ToString()),
        (prefix + "occurred_at", entry.OccurredAt.ToUniversalTime()),
        (prefix + "duration_ms", entry.Duration is { } d ? (long)d.TotalMilliseconds : null),
        (prefix + "error", entry.Error),
        (prefix + "applied_by", entry.AppliedBy),
    ];

    private async ValueTask ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var command = _session.CreateCommand(sql);
        await using (command.ConfigureAwait(false))
        {
            foreach (var (name, value) in parameters)
            {
                MigrationSession.AddParameter(command, name, value);
            }

            await OwnAsync(sql, () => command.ExecuteNonQueryAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs one of the history's own statements: a driver error becomes a <see cref="MigrationBookkeepingException"/>
    /// carrying the statement, so that it is never mistaken for a failure of the migration that happens to be running. A
    /// lost connection, a cancellation and a lock timeout (which the runner retries) stay as the driver reported them.
    /// </summary>
    private async Task<T> OwnAsync<T>(string? statement, Func<Task<T>> execute, CancellationToken cancellationToken)
    {
        try
        {
            return await execute().ConfigureAwait(false);
        }
        catch (DbException e) when (!cancellationToken.IsCancellationRequested && !_session.Provider.IsConnectionFailure(e) && !_session.Provider.IsLockTimeout(e))
        {
            throw new MigrationBookkeepingException(statement ?? e.BatchCommand?.CommandText, e);
        }
    }

    private Task<List<T>> ReadAllAsync<T>(DbCommand command, Func<DbDataReader, T> read, CancellationToken cancellationToken) =>
        OwnAsync(command.CommandText, async () =>
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var rows = new List<T>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.Add(read(reader));
                }

                return rows;
            }
        }, cancellationToken);
}
