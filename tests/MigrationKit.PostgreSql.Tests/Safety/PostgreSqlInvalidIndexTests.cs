using System.Diagnostics;
using MigrationKit.History;
using MigrationKit.PostgreSql.Tests.Support;
using MigrationKit.Providers;
using Npgsql;

namespace MigrationKit.PostgreSql.Tests.Safety;

/// <summary>
/// A <c>CREATE INDEX CONCURRENTLY</c> (a migration without a transaction) interrupted part way (while it waits for a
/// writer the test holds open, after its index is in the catalog) leaves an INVALID index (<c>pg_index.indisvalid = false</c>). The next run refuses with an
/// <see cref="IncompleteMigrationException"/> that names the index and the <c>DROP INDEX CONCURRENTLY</c> to run; after
/// that and RepairAsync, the rerun builds the index.
/// </summary>
public sealed class PostgreSqlInvalidIndexTests : DatabaseTest
{
    private const string InvalidIndex = "MigrationKit.PostgreSql.Tests.Safety.InvalidIndex";

    [TestCase("pg_cancel_backend")]
    [TestCase("pg_terminate_backend")]
    public async Task CreateIndexConcurrently_InterruptedWhileBuilding_IsReportedAsInvalidIndexWithRemedy(string interrupt)
    {
        await using var runner = Database.Runner(InvalidIndex);
        await runner.MigrateUpAsync(1);

        // The gate: an open transaction that has written to the table. The concurrent build puts its (invalid) index
        // in the catalog, then waits for that writer before it builds, and is interrupted there.
        await using var writer = new NpgsqlConnection(Database.ConnectionString);
        await writer.OpenAsync();
        await using var transaction = await writer.BeginTransactionAsync();
        await using (var write = new NpgsqlCommand("UPDATE big SET payload = payload WHERE id = 1", writer, transaction))
        {
            await write.ExecuteNonQueryAsync();
        }

        var run = runner.MigrateUpAsync();
        var pid = await PostgreSqlConnectionFaultTests.FindBackendAsync(Database.Name, "pid IN (SELECT pid FROM pg_stat_progress_create_index WHERE command = 'CREATE INDEX CONCURRENTLY' AND phase = 'waiting for writers before build')");
        await using (var admin = new NpgsqlConnection(PostgresServer.ConnectionString))
        {
            await admin.OpenAsync();
            await using var command = new NpgsqlCommand($"SELECT {interrupt}(@pid)", admin);
            command.Parameters.AddWithValue("pid", pid);
            (await command.ExecuteScalarAsync()).Should().Be(true);
        }

        var failure = (await FluentActions.Awaiting(() => run).Should().ThrowAsync<MigrationFailedException>()).Which;
        await transaction.RollbackAsync();
        failure.Version.Should().Be(2);
        failure.Transactional.Should().BeFalse();
        (await Database.ScalarAsync<bool>("SELECT indisvalid FROM pg_index WHERE indexrelid = 'ix_big_payload'::regclass")).Should().BeFalse("the interrupted build left an INVALID index");

        var refusal = (await FluentActions.Awaiting(() => runner.MigrateUpAsync()).Should().ThrowAsync<IncompleteMigrationException>()).Which;
        refusal.Versions.Should().Equal(2L);
        refusal.InvalidObjects.Should().ContainSingle().Which.Should().Contain("INVALID index \"public\".\"ix_big_payload\" on \"public\".\"big\"")
            .And.Contain("DROP INDEX CONCURRENTLY \"public\".\"ix_big_payload\"");
        refusal.Message.Should().Contain("ix_big_payload").And.Contain("DROP INDEX CONCURRENTLY").And.Contain("RepairAsync");
        (await runner.GetHistoryAsync()).Select(h => h.Version).Should().Equal([1L], "nothing more ran");
        TestContext.Out.WriteLine($"{interrupt}: refused with:\n{refusal.Message}");

        // The remedy the message gives, then repair and rerun.
        await Database.ExecuteAsync("DROP INDEX CONCURRENTLY \"public\".\"ix_big_payload\"");
        (await runner.RepairAsync()).Should().Equal(2L);
        (await runner.MigrateUpAsync()).Steps.Select(s => s.Version).Should().Equal(2L, 3L);
        (await Database.ScalarAsync<bool>("SELECT indisvalid FROM pg_index WHERE indexrelid = 'ix_big_payload'::regclass")).Should().BeTrue();
    }

    [Test]
    public async Task FindInvalidObjects_HealthyDatabase_FindsNone()
    {
        await using var provider = Database.Provider();
        await Database.ExecuteAsync("CREATE TABLE t (a int); CREATE INDEX ix_t_a ON t (a)");
        var connection = await provider.OpenConnectionAsync();
        try
        {
            (await provider.FindInvalidObjectsAsync(new MigrationSession(provider, connection))).Should().BeEmpty();

            // An index marked invalid by hand (as an interrupted build leaves it) is found, in any schema.
            await Database.ExecuteAsync("CREATE SCHEMA other; CREATE TABLE other.u (a int); CREATE INDEX ix_u_a ON other.u (a); UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'other.ix_u_a'::regclass");
            (await provider.FindInvalidObjectsAsync(new MigrationSession(provider, connection))).Should().ContainSingle()
                .Which.Should().Contain("\"other\".\"ix_u_a\" on \"other\".\"u\"");
        }
        finally
        {
            await provider.ReleaseConnectionAsync(connection);
        }
    }
}
