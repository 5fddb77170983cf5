using System.Globalization;

namespace MigrationKit.Data.Tests.Support;

/// <summary>
/// The bad-row tests' table: 50 SQLite readings (ISO text times, amounts as text, 0/1 flags) and a strictly typed
/// target table for them on either engine.
/// </summary>
internal static class Readings
{
    public const int Count = 50;

    /// <summary>Creates and fills the source table and creates the empty target table.</summary>
    /// <param name="source">The SQLite source.</param>
    /// <param name="target">The target, either engine.</param>
    /// <param name="targetCheck">A <c>CHECK</c> on the target table (without the keyword), or null.</param>
    public static async Task CreateAsync(TestDb source, TestDb target, string? targetCheck = null)
    {
        await source.ExecuteAsync("CREATE TABLE readings (id INTEGER PRIMARY KEY, taken TEXT, value TEXT, ok INTEGER)");
        for (var i = 1; i <= Count; i++)
        {
            await source.ExecuteAsync("INSERT INTO readings VALUES (@p0, @p1, @p2, @p3)", i, $"2026-01-{1 + (i % 28):00}T10:00:00Z", (i * 0.5m).ToString(CultureInfo.InvariantCulture), i % 2);
        }

        var check = targetCheck is null ? string.Empty : $" CHECK ({targetCheck})";
        await target.ExecuteAsync(target.Pick(
            $"CREATE TABLE readings (id INTEGER PRIMARY KEY, taken DATETIME NOT NULL, value DECIMAL(10,2) NOT NULL{check}, ok BOOLEAN NOT NULL)",
            $"CREATE TABLE readings (id bigint PRIMARY KEY, taken timestamp with time zone NOT NULL, value numeric(10,2) NOT NULL{check}, ok boolean NOT NULL)"));
    }
}
