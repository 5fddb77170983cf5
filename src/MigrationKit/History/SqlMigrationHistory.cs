using System.Data.Common;
using System.Globalization;
using MigrationKit.Operations;
using MigrationKit.Providers;

namespace MigrationKit.History;

/// <summary>History and journal in two tables, created through the provider's own SQL generator.</summary>
internal sealed class SqlMigrationHistory : IMigrationHistory
{
    private readonly MigrationSession _session;
    private readonly MigrationHistoryOptions _options;
    private readonly string _history;
    private readonly string _journal;

    public SqlMigrationHistory(MigrationSession session, MigrationHistoryOptions options)
    {
        _session = session;
        _options = options;
        var generator = session.Provider.SqlGenerator;
        _history = generator.Quote(options.HistoryTable);
        _journal = generator.Quote(options.JournalTable);
    }

    public async ValueTask EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        if (await ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var generator = _session.Provider.SqlGenerator;
        var schemas = new[] { _options.HistoryTable.Schema, _options.JournalTable.Schema }.OfType<string>().Distinct(StringComparer.Ordinal)
            .Select(s => (MigrationOperation)new CreateSchemaOperation(s));
        foreach (var operation in schemas.Concat([HistoryTableDefinition(_options.HistoryTable), JournalTableDefinition(_options.JournalTable)]))
        {
            foreach (var statement in await generator.GenerateAsync(operation, EmptySchema.Instance, cancellationToken).ConfigureAwait(false))
            {
                await _session.ExecuteAsync(statement, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public ValueTask<bool> ExistsAsync(CancellationToken cancellationToken = default) =>
        _session.Provider.SchemaReader.TableExistsAsync(_session, _options.HistoryTable, cancellationToken);

    public async ValueTask<IReadOnlyList<AppliedMigration>> GetAppliedAsync(CancellationToken cancellationToken = default)
    {
        var command = _session.CreateCommand($"SELECT version, description, checksum, applied_at, duration_ms, applied_by, library_version FROM {_history} ORDER BY version");
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var rows = new List<AppliedMigration>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.Add(new AppliedMigration(
                        reader.GetInt64(0),
                        reader.GetString(1),
                        reader.GetString(2),
                        ReadTimestamp(reader, 3),
                        TimeSpan.FromMilliseconds(reader.GetInt64(4)),
                        reader.GetString(5),
                        reader.GetString(6)));
                }

                return rows;
            }
        }
    }

    /// <summary>Versions and checksums of the applied migrations: all that deciding "nothing pending" needs, without the other columns.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The rows, by version.</returns>
    internal async ValueTask<IReadOnlyList<(long Version, string Checksum)>> GetAppliedChecksumsAsync(CancellationToken cancellationToken)
    {
        var command = _session.CreateCommand($"SELECT version, checksum FROM {_history} ORDER BY version");
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var rows = new List<(long, string)>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.Add((reader.GetInt64(0), reader.GetString(1)));
                }

                return rows;
            }
        }
    }

    public async ValueTask<bool> IsAppliedAsync(long version, CancellationToken cancellationToken = default)
    {
        var command = _session.CreateCommand($"SELECT COUNT(*) FROM {_history} WHERE version = @version");
        await using (command.ConfigureAwait(false))
        {
            MigrationSession.AddParameter(command, "version", version);
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) > 0;
        }
    }

    public ValueTask AddAsync(AppliedMigration migration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(migration);
        return ExecuteAsync(
            $"INSERT INTO {_history} (version, description, checksum, applied_at, duration_ms, applied_by, library_version) VALUES (@version, @description, @checksum, @applied_at, @duration_ms, @applied_by, @library_version)",
            cancellationToken,
            ("version", migration.Version),
            ("description", migration.Description),
            ("checksum", migration.Checksum),
            ("applied_at", migration.AppliedAt.ToUniversalTime()),
            ("duration_ms", (long)migration.Duration.TotalMilliseconds),
            ("applied_by", migration.AppliedBy),
            ("library_version", migration.LibraryVersion));
    }

    public ValueTask RemoveAsync(long version, CancellationToken cancellationToken = default) =>
        ExecuteAsync($"DELETE FROM {_history} WHERE version = @version", cancellationToken, ("version", version));

    public ValueTask UpdateChecksumAsync(long version, string checksum, string description, CancellationToken cancellationToken = default) =>
        ExecuteAsync($"UPDATE {_history} SET checksum = @checksum, description = @description WHERE version = @version", cancellationToken, ("checksum", checksum), ("description", description), ("version", version));

    public ValueTask AppendJournalAsync(JournalEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return ExecuteAsync(
            $"INSERT INTO {_journal} (run_id, version, action, status, occurred_at, duration_ms, error, applied_by) VALUES (@run_id, @version, @action, @status, @occurred_at, @duration_ms, @error, @applied_by)",
            cancellationToken,
            ("run_id", entry.RunId.ToString("D")),
            ("version", entry.Version),
            ("action", entry.Action.ToString()),
            ("status", entry.Status.ToString()),
            ("occurred_at", entry.OccurredAt.ToUniversalTime()),
            ("duration_ms", entry.Duration is { } d ? (long)d.TotalMilliseconds : null),
            ("error", entry.Error),
            ("applied_by", entry.AppliedBy));
    }

    public async ValueTask<IReadOnlyList<long>> GetIncompleteAsync(CancellationToken cancellationToken = default)
    {
        var command = _session.CreateCommand(
            $"SELECT j.version FROM {_journal} j WHERE j.status IN ('Incomplete', 'Started') AND j.id = (SELECT MAX(k.id) FROM {_journal} k WHERE k.version = j.version) ORDER BY j.version");
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var versions = new List<long>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    versions.Add(reader.GetInt64(0));
                }

                return versions;
            }
        }
    }

    public async ValueTask<IReadOnlyList<JournalEntry>> GetJournalAsync(CancellationToken cancellationToken = default)
    {
        var command = _session.CreateCommand($"SELECT id, run_id, version, action, status, occurred_at, duration_ms, error, applied_by FROM {_journal} ORDER BY id");
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var entries = new List<JournalEntry>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    entries.Add(new JournalEntry(
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
                    });
                }

                return entries;
            }
        }
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

    private async ValueTask ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var command = _session.CreateCommand(sql);
        await using (command.ConfigureAwait(false))
        {
            foreach (var (name, value) in parameters)
            {
                MigrationSession.AddParameter(command, name, value);
            }

            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
