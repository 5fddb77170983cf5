using System.Globalization;
using MigrationKit.Data.Conversion;
using MigrationKit.Data.Endpoints;
using MigrationKit.Data.Execution;

namespace MigrationKit.Data.Databases;

/// <summary>
/// Looks for orphans after a load: child rows whose foreign-key values (all of them non-NULL) no parent row holds, with
/// the same SQL on both engines. A key the engine holds as not validated yet and that has no orphan is then validated
/// by the engine itself (<see cref="IDataCatalog.ValidateForeignKeyAsync"/>).
/// </summary>
internal static class ForeignKeyChecker
{
    private const int Examples = 5;

    public static async Task<List<DataForeignKeyCheck>> CheckAsync(IDataEndpoint target, IReadOnlyList<DataForeignKey> foreignKeys, bool validate, CancellationToken cancellationToken)
    {
        var checks = new List<DataForeignKeyCheck>(foreignKeys.Count);
        var connection = await target.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        foreach (var foreignKey in foreignKeys)
        {
            var present = string.Join(" AND ", foreignKey.Columns.Select(c => $"c.{Sql.Quote(c)} IS NOT NULL"));
            var match = string.Join(" AND ", foreignKey.Columns.Zip(foreignKey.ReferencedColumns, (c, p) => $"p.{Sql.Quote(p)} = c.{Sql.Quote(c)}"));
            var orphans = $"FROM {Sql.Quote(foreignKey.Table)} c WHERE {present} AND NOT EXISTS (SELECT 1 FROM {Sql.Quote(foreignKey.ReferencedTable)} p WHERE {match})";
            var count = Sql.Command(connection, null, "SELECT COUNT(*) " + orphans);
            await using var countScope = count.ConfigureAwait(false);
            var found = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
            var examples = new List<string>();
            if (found > 0)
            {
                var list = Sql.Command(connection, null, $"SELECT {string.Join(", ", foreignKey.Columns.Select(c => "c." + Sql.Quote(c)))} {orphans} LIMIT {Examples}");
                await using var listScope = list.ConfigureAwait(false);
                var reader = await list.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using var readerScope = reader.ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    examples.Add(string.Join(", ", foreignKey.Columns.Select((c, i) => c + "=" + ValueConverter.Describe(reader.GetValue(i)))));
                }
            }

            var validated = foreignKey.IsValidated;
            if (validate && found == 0 && !validated)
            {
                await ((IDataCatalog)target).ValidateForeignKeyAsync(connection, foreignKey, cancellationToken).ConfigureAwait(false);
                validated = true;
            }

            checks.Add(new DataForeignKeyCheck(foreignKey, found, examples, validated));
        }

        return checks;
    }
}
