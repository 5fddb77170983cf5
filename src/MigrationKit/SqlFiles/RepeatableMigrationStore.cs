using System.Globalization;
using MigrationKit.History;
using MigrationKit.Operations;
using MigrationKit.Providers;

namespace MigrationKit.SqlFiles;

/// <summary>
/// The bookkeeping of repeatable migrations: one row per repeatable name with the checksum it last ran with, in a
/// table of its own (<see cref="MigrationHistoryOptions.RepeatableTable"/>) beside the history and journal, created
/// through the provider's SQL generator as they are. A table of its own leaves the history's rows and columns as they
/// were (every history row stays one versioned migration) and is created only when a runner has repeatables. Lives in
/// the core and talks through the session only, so no provider implements anything.
/// </summary>
internal sealed class RepeatableMigrationStore
{
    private readonly MigrationSession _session;
    private readonly QualifiedName _table;
    private readonly string _quoted;

    public RepeatableMigrationStore(MigrationSession session, QualifiedName table)
    {
        _session = session;
        _table = table;
        _quoted = session.Provider.SqlGenerator.Quote(table);
    }

    public ValueTask<bool> ExistsAsync(CancellationToken cancellationToken) =>
        _session.Provider.SchemaReader.TableExistsAsync(_session, _table, cancellationToken);

    /// <summary>Creates the table (and its schema); the caller holds a transaction and has checked it does not exist.</summary>
    public async Task CreateAsync(CancellationToken cancellationToken)
    {
        var generator = _session.Provider.SqlGenerator;
        var builder = new MigrationBuilder();
        builder.CreateTable(_table.Name, t =>
        {
            t.Column("name").AsString(400).PrimaryKey();
            t.Column("description").AsText();
            t.Column("checksum").AsString(100);
            t.Column("applied_at").AsDateTimeOffset();
            t.Column("duration_ms").AsInt64();
            t.Column("applied_by").AsText();
            t.Column("library_version").AsString(50);
        });
        var operations = new List<MigrationOperation>();
        if (_table.Schema is { } schema)
        {
            operations.Add(new CreateSchemaOperation(schema));
        }

        operations.Add((CreateTableOperation)builder.Operations[0] with { Table = _table });
        foreach (var operation in operations)
        {
            foreach (var statement in await generator.GenerateAsync(operation, EmptySchemaContext.Instance, cancellationToken).ConfigureAwait(false))
            {
                await _session.ExecuteAsync(statement, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Every row, by name; empty when the table does not exist yet.</summary>
    public async Task<IReadOnlyDictionary<string, AppliedRepeatable>> ReadAsync(CancellationToken cancellationToken)
    {
        var rows = new Dictionary<string, AppliedRepeatable>(StringComparer.Ordinal);
        if (!await ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            return rows;
        }

        var command = _session.CreateCommand($"SELECT name, checksum, applied_at, duration_ms FROM {_quoted}");
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var name = reader.GetString(0);
                    rows[name] = new AppliedRepeatable(name, reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2).ToUniversalTime(), TimeSpan.FromMilliseconds(reader.GetInt64(3)));
                }
            }
        }

        return rows;
    }

    /// <summary>The checksum <paramref name="name"/> last ran with, read in the session's transaction: the re-check that makes concurrent runners apply a change once.</summary>
    public async Task<string?> ChecksumAsync(string name, CancellationToken cancellationToken)
    {
        var command = _session.CreateCommand($"SELECT checksum FROM {_quoted} WHERE name = @name");
        await using (command.ConfigureAwait(false))
        {
            MigrationSession.AddParameter(command, "name", name);
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        }
    }

    /// <summary>Records that <paramref name="repeatable"/> ran with its current checksum (replacing the earlier row), in the session's transaction if any.</summary>
    public async Task RecordAsync(RepeatableMigration repeatable, DateTimeOffset appliedAt, TimeSpan duration, string appliedBy, CancellationToken cancellationToken)
    {
        var command = _session.CreateCommand(
            $"DELETE FROM {_quoted} WHERE name = @d_name;\n"
            + $"INSERT INTO {_quoted} (name, description, checksum, applied_at, duration_ms, applied_by, library_version) VALUES (@name, @description, @checksum, @applied_at, @duration_ms, @applied_by, @library_version)");
        await using (command.ConfigureAwait(false))
        {
            MigrationSession.AddParameter(command, "d_name", repeatable.Name);
            MigrationSession.AddParameter(command, "name", repeatable.Name);
            MigrationSession.AddParameter(command, "description", repeatable.Description);
            MigrationSession.AddParameter(command, "checksum", repeatable.Checksum);
            MigrationSession.AddParameter(command, "applied_at", appliedAt.ToUniversalTime());
            MigrationSession.AddParameter(command, "duration_ms", (long)duration.TotalMilliseconds);
            MigrationSession.AddParameter(command, "applied_by", appliedBy);
            MigrationSession.AddParameter(command, "library_version", Diagnostics.LibraryVersion.Value);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public static string Describe(RepeatableMigration repeatable) =>
        string.Create(CultureInfo.InvariantCulture, $"repeatable {repeatable.File.FileName} ({repeatable.Checksum})");

    /// <summary>Creating the table needs no knowledge of the current schema.</summary>
    private sealed class EmptySchemaContext : IMigrationSchemaContext
    {
        public static readonly EmptySchemaContext Instance = new();

        public ValueTask<Inspection.DatabaseSchema> GetCurrentSchemaAsync(CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Inspection.DatabaseSchema.Empty);
    }
}
