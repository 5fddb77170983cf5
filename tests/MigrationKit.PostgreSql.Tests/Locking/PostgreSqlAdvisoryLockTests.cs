using MigrationKit.Operations;
using MigrationKit.PostgreSql.Tests.Support;
using MigrationKit.Providers;
using Npgsql;

namespace MigrationKit.PostgreSql.Tests.Locking;

/// <summary>The migration lock: a session-level advisory lock on a connection of its own.</summary>
public sealed class PostgreSqlAdvisoryLockTests : DatabaseTest
{
    private const string Basic = "MigrationKit.PostgreSql.Tests.Running.Basic";
    private static readonly AdvisoryLockKey DefaultKey = AdvisoryLockKey.For(new QualifiedName("__migrationkit_history"), null);

    [Test]
    public void Key_SameHistoryTable_IsStableAndSchemaSensitive()
    {
        var key = AdvisoryLockKey.For(new QualifiedName("__migrationkit_history"), null);

        key.Should().Be(DefaultKey);
        AdvisoryLockKey.For(new QualifiedName("__migrationkit_history"), "app").Should().Be(AdvisoryLockKey.For(new QualifiedName("__migrationkit_history", "app"), null));
        AdvisoryLockKey.For(new QualifiedName("__migrationkit_history"), "app").Should().NotBe(key);
        AdvisoryLockKey.For(new QualifiedName("b.c", "a"), null).Should().NotBe(AdvisoryLockKey.For(new QualifiedName("c", "a.b"), null));

        // The first 8 bytes of SHA-256("migrationkit:lock\0\0__migrationkit_history"), big-endian: fixed forever, so that
        // runners of different versions and processes agree.
        key.Value.Should().Be(Convert.ToInt64("0x" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData("migrationkit:lock\0\0__migrationkit_history"u8))[..16], 16));
        key.ClassId.Should().Be((long)((ulong)key.Value >> 32));
        key.ObjectId.Should().BeInRange(0, uint.MaxValue);
    }

    [Test]
    public async Task MigrateUp_AnotherSessionHoldsTheLock_WaitsUntilItIsReleased()
    {
        await using var holder = await HoldLockAsync(DefaultKey, "holding-app");
        await using var runner = Database.Runner(Basic, o => o.LockWaitTimeout = TimeSpan.FromSeconds(30));

        var run = runner.MigrateUpAsync();

        // The runner is waiting once its lock session has tried the lock at least once (it polls pg_try_advisory_lock).
        await MigrationKit.PostgreSql.Tests.Safety.PostgreSqlConnectionFaultTests.FindBackendAsync(Database.Name, "application_name LIKE '%[migration lock]' AND query LIKE '%pg_try_advisory_lock%'");
        run.IsCompleted.Should().BeFalse("the runner waits for the lock");
        (await Database.ScalarAsync<long>("SELECT count(*) FROM pg_tables WHERE tablename = 'items'")).Should().Be(0);
        await using (var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({DefaultKey.Value})", holder))
        {
            (await unlock.ExecuteScalarAsync()).Should().Be(true);
        }

        (await run.WaitAsync(TimeSpan.FromSeconds(20))).Steps.Should().HaveCount(2);
    }

    [Test]
    public async Task MigrateUp_LockHeldLongerThanWait_ThrowsTimeoutNamingTheHolder()
    {
        await using var holder = await HoldLockAsync(DefaultKey, "holding-app");
        var holderPid = holder.ProcessID;
        await using var runner = Database.Runner(Basic, o => o.LockWaitTimeout = TimeSpan.FromMilliseconds(400));

        var act = () => runner.MigrateUpAsync();

        var timeout = (await act.Should().ThrowAsync<MigrationLockTimeoutException>()).Which;
        timeout.Holder.Should().Contain($"pid {holderPid}").And.Contain("application 'holding-app'").And.Contain("state 'idle' since").And.Contain("connected since");
        timeout.Message.Should().Contain($"pid {holderPid}").And.Contain(Database.Name);
        timeout.Timeout.Should().Be(TimeSpan.FromMilliseconds(400));
        (await Database.ScalarAsync<long>("SELECT count(*) FROM pg_tables WHERE tablename = 'items'")).Should().Be(0);
    }

    [Test]
    public async Task MigrateUp_LockOfAnotherSchemasHistory_DoesNotBlock()
    {
        await using var holder = await HoldLockAsync(DefaultKey, "holding-app");
        await using var runner = Database.Runner(Basic, o =>
        {
            o.Schema = "tenant_b";
            o.LockWaitTimeout = TimeSpan.FromMilliseconds(400);
        });

        var result = await runner.MigrateUpAsync();

        result.Steps.Should().HaveCount(2, "a history in another schema has a lock of its own");
    }

    [Test]
    public async Task AcquireLock_LockConnectionTerminated_FreesTheLockForOthers()
    {
        await using var provider = Database.Provider();
        var connection = await provider.OpenConnectionAsync();
        var held = await provider.AcquireLockAsync(new MigrationSession(provider, connection));
        var lockPid = await Database.ScalarAsync<int>($"SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objid::bigint = {DefaultKey.ObjectId} AND classid::bigint = {DefaultKey.ClassId}");
        lockPid.Should().NotBe(((NpgsqlConnection)connection).ProcessID, "the lock lives on a connection of its own, not the session's");

        (await Database.ScalarAsync<bool>($"SELECT pg_terminate_backend({lockPid})")).Should().BeTrue();
        await using var runner = Database.Runner(Basic, o => o.LockWaitTimeout = TimeSpan.FromSeconds(5));
        var result = await runner.MigrateUpAsync();

        result.Steps.Should().HaveCount(2, "the lock died with its session");
        var release = async () => await held.DisposeAsync();
        await release.Should().NotThrowAsync("releasing a lock whose session is gone is harmless");
        (await Database.ScalarAsync<long>("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")).Should().Be(0);
        await provider.ReleaseConnectionAsync(connection);
    }

    [Test]
    public async Task AcquireLock_Released_UnlocksSoItCanBeTakenAgain()
    {
        await using var provider = Database.Provider();
        var connection = await provider.OpenConnectionAsync();
        var session = new MigrationSession(provider, connection);

        var held = await provider.AcquireLockAsync(session);
        (await Database.ScalarAsync<long>("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted")).Should().Be(1);
        await held.DisposeAsync();

        (await Database.ScalarAsync<long>("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")).Should().Be(0);
        await using (var again = await provider.AcquireLockAsync(session))
        {
            (await Database.ScalarAsync<long>("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted")).Should().Be(1);
        }

        await provider.ReleaseConnectionAsync(connection);
    }

    [Test]
    public async Task AcquireLock_Cancelled_StopsWaiting()
    {
        await using var holder = await HoldLockAsync(DefaultKey, "holding-app");
        await using var provider = Database.Provider(o => o.LockWaitTimeout = Timeout.InfiniteTimeSpan);
        var connection = await provider.OpenConnectionAsync();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var act = async () => await provider.AcquireLockAsync(new MigrationSession(provider, connection), cancellation.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        await provider.ReleaseConnectionAsync(connection);
    }

    private async Task<NpgsqlConnection> HoldLockAsync(AdvisoryLockKey key, string applicationName)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Database.ConnectionString) { ApplicationName = applicationName, Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT pg_advisory_lock({key.Value})", connection);
        await command.ExecuteNonQueryAsync();
        return connection;
    }
}
