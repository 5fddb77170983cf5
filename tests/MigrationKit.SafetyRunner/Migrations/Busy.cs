namespace MigrationKit.SafetyRunner.Migrations;

/// <summary>About a tenth of a second of work inside a migration: <c>pg_sleep</c> on PostgreSQL, a counting query on SQLite.</summary>
internal static class Busy
{
    public static void Add(MigrationBuilder migration) =>
        migration.Sql("SELECT pg_sleep(0.1)")
            .For("sqlite", "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 400000) SELECT COUNT(*) FROM c");
}
