using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using MigrationKit.Data.Endpoints;

namespace MigrationKit.Data.Sqlite;

/// <summary>One prepared <c>INSERT</c> whose parameters are set and executed once per row, inside the batch's transaction.</summary>
internal sealed class SqliteRowWriter : IDataRowWriter
{
    private readonly SqliteCommand _command;
    private readonly SqliteParameter[] _parameters;

    public SqliteRowWriter(SqliteConnection connection, SqliteTransaction transaction, string table, IReadOnlyList<DataColumn> columns)
    {
        var sql = new StringBuilder("INSERT INTO ").Append(Quote(table)).Append(" (")
            .AppendJoin(", ", columns.Select(c => Quote(c.Name))).Append(") VALUES (")
            .AppendJoin(", ", columns.Select((_, i) => "@p" + i.ToString(CultureInfo.InvariantCulture))).Append(')');
#pragma warning disable CA2100 // Quoted identifiers only; values are parameters.
        _command = new SqliteCommand(sql.ToString(), connection, transaction);
#pragma warning restore CA2100
        _parameters = new SqliteParameter[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            _parameters[i] = _command.Parameters.Add(new SqliteParameter("@p" + i.ToString(CultureInfo.InvariantCulture), null));
        }
    }

    public Task PrepareAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _command.Prepare();
        return Task.CompletedTask;
    }

    public async ValueTask WriteRowAsync(object?[] values, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        for (var i = 0; i < _parameters.Length; i++)
        {
            _parameters[i].Value = values[i] switch
            {
                null => DBNull.Value,
                Guid g => g.ToString("D"),
                var v => v,
            };
        }

        await _command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask CompleteAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _command.DisposeAsync();

    private static string Quote(string name) => string.Join('.', name.Split('.').Select(part => "\"" + part.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
}
