using System.Data.Common;
using MigrationKit.Operations;

namespace MigrationKit.Providers;

/// <summary>
/// One open connection the runner works through, with the transaction in progress if any. Providers receive it
/// to read schemas, store history and take locks; commands made with <see cref="CreateCommand"/> join the transaction.
/// </summary>
public sealed class MigrationSession
{
    /// <summary>Wraps an open connection of <paramref name="provider"/>; the runner does this, and so can a provider's tests.</summary>
    /// <param name="provider">The provider that opened the connection.</param>
    /// <param name="connection">The open connection.</param>
    public MigrationSession(MigrationProvider provider, DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(connection);
        Provider = provider;
        Connection = connection;
    }

    /// <summary>The provider that opened the session.</summary>
    public MigrationProvider Provider { get; }

    /// <summary>The open connection.</summary>
    public DbConnection Connection { get; }

    /// <summary>
    /// The history table of the runner that opened the session; a provider derives its lock key from it, so runners
    /// sharing a history share the lock and runners with different histories (different schemas) do not.
    /// </summary>
    public QualifiedName HistoryTable { get; init; } = new MigrationKit.History.MigrationHistoryOptions().HistoryTable;

    /// <summary>The transaction in progress, or <see langword="null"/>.</summary>
    public DbTransaction? Transaction { get; set; }

    /// <summary>
    /// The operations whose statements the transaction in progress runs, as the runner recorded them (one
    /// migration's, or every migration's of an all-or-nothing run), or <see langword="null"/> when the session
    /// runs statements that did not come from operations. A provider may read it to narrow what it checks before
    /// commit (<see cref="MigrationProvider.BeforeCommitAsync"/>); <see langword="null"/> means anything may have run.
    /// </summary>
    public IReadOnlyList<MigrationOperation>? Operations { get; set; }

    /// <summary>
    /// Statements of the provider's that ride with the runner's next bookkeeping read (<see cref="ScalarWithPendingAsync"/>),
    /// in one round trip where the connection can batch; the runner sends what is left itself.
    /// </summary>
    internal List<string> Pending { get; } = [];

    /// <summary>
    /// Reads the first value of <paramref name="sql"/> and runs the <see cref="Pending"/> statements after it, in order:
    /// in one <see cref="DbBatch"/> (one round trip) where the connection can batch, one after another otherwise. The
    /// pending statements are taken (cleared) either way, also when one fails.
    /// </summary>
    internal async ValueTask<object?> ScalarWithPendingAsync(string sql, IReadOnlyList<(string Name, object? Value)> parameters, CancellationToken cancellationToken)
    {
        string[] pending = [.. Pending];
        Pending.Clear();
        if (pending.Length == 0 || !Connection.CanCreateBatch)
        {
            object? value;
            var command = CreateCommand(sql);
            await using (command.ConfigureAwait(false))
            {
                foreach (var (name, parameterValue) in parameters)
                {
                    AddParameter(command, name, parameterValue);
                }

                value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            }

            foreach (var statement in pending)
            {
                await ExecuteAsync(statement, cancellationToken).ConfigureAwait(false);
            }

            return value;
        }

        var batch = Connection.CreateBatch();
        await using (batch.ConfigureAwait(false))
        {
            batch.Transaction = Transaction;
            var read = batch.CreateBatchCommand();
            read.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                var parameter = read.CreateParameter();
                parameter.ParameterName = "@" + name;
                parameter.Value = value ?? DBNull.Value;
                read.Parameters.Add(parameter);
            }

            batch.BatchCommands.Add(read);
            foreach (var statement in pending)
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = statement;
                batch.BatchCommands.Add(command);
            }

            var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var value = await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? reader.GetValue(0) : null;
                // Through every later statement's result, so that a failure of one of them surfaces here.
                while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
                {
                }

                return value;
            }
        }
    }

    /// <summary>Creates a command on the connection, enlisted in the current transaction.</summary>
    /// <param name="sql">The command text.</param>
    /// <returns>The command; the caller disposes it.</returns>
    public DbCommand CreateCommand(string sql)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = Transaction;
        return command;
    }

    /// <summary>Adds a named parameter (<c>@name</c>) to a command.</summary>
    /// <param name="command">The command.</param>
    /// <param name="name">The parameter name without the <c>@</c>.</param>
    /// <param name="value">The value; <see langword="null"/> becomes <see cref="DBNull"/>.</param>
    public static void AddParameter(DbCommand command, string name, object? value)
    {
        ArgumentNullException.ThrowIfNull(command);
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    /// <summary>Executes a statement in the current transaction.</summary>
    /// <param name="sql">The statement.</param>
    /// <param name="cancellationToken">Cancels the statement.</param>
    /// <returns>The number of rows affected, as the driver reports it.</returns>
    public async ValueTask<int> ExecuteAsync(string sql, CancellationToken cancellationToken = default)
    {
        var command = CreateCommand(sql);
        await using (command.ConfigureAwait(false))
        {
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
