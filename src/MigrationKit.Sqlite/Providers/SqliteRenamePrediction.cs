using Microsoft.Data.Sqlite;
using MigrationKit.Inspection;
using MigrationKit.Providers;

namespace MigrationKit.Sqlite;

/// <summary>
/// Predicts how SQLite rewrites the text of views, triggers, check constraints and partial-index predicates when a
/// table or column is renamed. Rather than imitate SQLite's name resolution, it lets SQLite do it: the schema is
/// recreated in a private in-memory database, the rename runs there, and the rewritten texts are read back.
/// </summary>
internal static class SqliteRenamePrediction
{
    /// <summary>Returns <paramref name="replayed"/> with the texts SQLite rewrites taken from a rename run on a copy.</summary>
    /// <param name="generator">The generator that writes the copy.</param>
    /// <param name="before">The schema before the rename.</param>
    /// <param name="replayed">The schema after it, as the core's replay predicts it.</param>
    /// <param name="renameSql">The rename statement.</param>
    /// <returns>The prediction; <paramref name="replayed"/> unchanged when the copy cannot be built.</returns>
    public static DatabaseSchema Predict(SqliteSqlGenerator generator, DatabaseSchema before, DatabaseSchema replayed, string renameSql)
    {
        using var provider = new SqliteMigrationProvider("Data Source=:memory:");
        using var connection = new SqliteConnection("Data Source=:memory:");
        DatabaseSchema copy;
        try
        {
            connection.Open();
            foreach (var statement in generator.Script(before).Append(renameSql))
            {
                using var command = connection.CreateCommand();
                command.CommandText = statement;
                command.ExecuteNonQuery();
            }

            // Microsoft.Data.Sqlite completes its async methods synchronously, so this does not block on I/O.
            copy = provider.SchemaReader.ReadAsync(new MigrationSession(provider, connection)).AsTask().GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is SqliteException or NotSupportedException)
        {
            // A model the copy cannot hold (say, a view over a table left out of it): the replay is the best guess, without
            // the statements as written, which the rename would have rewritten (a rebuild then writes from the model).
            return replayed with
            {
                Tables = replayed.Tables.Select(t => t with { Definition = null, Indexes = t.Indexes.Select(i => i with { Definition = null }).ToArray() }).ToArray(),
            };
        }

        return replayed with
        {
            Views = copy.Views,
            Tables = replayed.Tables.Select(t => copy.FindTable(t.Name) is { } rewritten
                ? t with { CheckConstraints = rewritten.CheckConstraints, Indexes = rewritten.Indexes, Triggers = rewritten.Triggers, Definition = rewritten.Definition }
                : t).ToArray(),
        };
    }
}
