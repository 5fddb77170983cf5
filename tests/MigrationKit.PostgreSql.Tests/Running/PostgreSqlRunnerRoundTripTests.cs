using System.Collections.Concurrent;
using System.Diagnostics;
using MigrationKit.PostgreSql.Tests.Support;

namespace MigrationKit.PostgreSql.Tests.Running;

/// <summary>
/// The round trips a migration step costs on PostgreSQL, counted from Npgsql's own tracing: one activity per command or
/// batch sent (the deferred <c>BEGIN</c> rides with the first command of the transaction; <c>COMMIT</c> is not traced).
/// </summary>
public sealed class PostgreSqlRunnerRoundTripTests : DatabaseTest
{
    private const string Basic = "MigrationKit.PostgreSql.Tests.Running.Basic";

    [Test]
    public async Task MigrateUp_EachStep_SendsTheTimeoutsWithTheReCheckAndChecksTheLockOncePerStep()
    {
        await using var runner = Database.Runner(Basic);
        var activities = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            // Kept in the order they were sent, whichever finishes first; their tags are read once they are done.
            ActivityStarted = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        var result = await runner.MigrateUpAsync();
        var all = activities
            .Where(a => Equals(a.GetTagItem("db.namespace"), Database.Name))
            .Select(a => new Sent($"{a.GetTagItem("db.npgsql.connection_id")}", $"{a.GetTagItem("db.query.text")}"))
            .ToArray();

        result.Steps.Select(s => s.Version).Should().Equal(1, 2);
        var reChecks = all.Where(s => s.Text.StartsWith("SELECT COUNT(*) FROM \"public\".\"__migrationkit_history\" WHERE version", StringComparison.Ordinal)).ToArray();
        reChecks.Should().HaveCount(2, "one re-check per step");
        reChecks.Should().OnlyContain(s => s.Text.Contains("SET LOCAL lock_timeout = 10000", StringComparison.Ordinal) && s.Text.Contains("SET LOCAL statement_timeout = 0", StringComparison.Ordinal),
            "the step's timeouts go in the re-check's round trip");
        all.Should().NotContain(s => s.Text.StartsWith("SET", StringComparison.Ordinal), "no round trip of their own for the timeouts");

        var session = reChecks[0].Connection;
        var steps = all.Where(s => s.Connection == session).SkipWhile(s => !IsStarted(s)).ToArray();
        var second = steps.Skip(1).SkipWhile(s => !IsStarted(s)).TakeWhile(s => !s.Text.StartsWith("SELECT version, description", StringComparison.Ordinal)).Select(s => string.Join(' ', s.Text.Split(' ', 4).Take(3))).ToArray();
        second.Should().Equal(["INSERT INTO \"public\".\"__migrationkit_journal\"", "SELECT COUNT(*) FROM", "ALTER TABLE \"items\"", "CREATE INDEX \"ix_items_price\"", "INSERT INTO \"public\".\"__migrationkit_history\""],
            "step 2 costs its started entry, the re-check with the timeouts, its two statements and the history with the journal row on the session");
        all.Count(s => s.Connection != session && s.Text.Contains("pg_locks", StringComparison.Ordinal)).Should().Be(2, "the lock is checked once per step, on the lock's own connection");
    }

    private static bool IsStarted(Sent sent) => sent.Text.StartsWith("INSERT INTO \"public\".\"__migrationkit_journal\"", StringComparison.Ordinal) && sent.Text.Contains("NOT EXISTS", StringComparison.Ordinal);

    private sealed record Sent(string Connection, string Text);
}
