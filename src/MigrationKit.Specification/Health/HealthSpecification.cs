using MigrationKit.Health;
using MigrationKit.History;
using MigrationKit.Operations;
using MigrationKit.Providers;
using MigrationKit.Specification.Support;

namespace MigrationKit.Specification;

/// <summary>
/// The health report: a database that answers is reachable with its version, size and latency; the pending and
/// incomplete migrations are those the status shows; every user table is listed with exact rows after known inserts,
/// MigrationKit's own tables flagged; a database that cannot be reached is a report naming it, not an exception; every
/// part the engine lacks is named; only cancellation throws.
/// </summary>
/// <typeparam name="TTarget">The provider's target.</typeparam>
[TestFixture]
public abstract class HealthSpecification<TTarget> : SpecificationFixture<TTarget>
    where TTarget : ISpecificationTarget, new()
{
    private const string Shop = "Health.Shop";

    /// <summary>Creates a provider for a database of this engine that cannot be reached (a closed port, a path in a missing folder).</summary>
    /// <returns>The provider; the runner built over it owns and disposes it.</returns>
    protected abstract MigrationProvider CreateUnreachableProvider();

    /// <summary>A new database answers: reachable, with a version, a size and a measured round trip; every migration pending, no user table.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task NewDatabase_IsReachable_WithEveryMigrationPending()
    {
        await using var database = await CreateDatabaseAsync();
        var provider = database.CreateProvider();
        var name = provider.DisplayName;
        await using var runner = Runner(provider, Shop);

        var health = await runner.GetHealthAsync();

        health.Reachable.Should().BeTrue(health.ToString());
        health.Database.Should().Be(name);
        health.Error.Should().BeNull();
        health.Latency.Should().NotBeNull().And.BeGreaterThan(TimeSpan.Zero);
        health.ServerVersion.Should().NotBeNullOrWhiteSpace();
        health.DatabaseSizeBytes.Should().NotBeNull();
        health.CurrentVersion.Should().Be(0);
        health.PendingVersions.Should().Equal(1L, 2L, 3L);
        health.IncompleteVersions.Should().BeEmpty();
        health.Tables.Where(t => !t.IsBookkeeping).Should().BeEmpty();
    }

    /// <summary>A non-transactional migration that failed part way is incomplete; the one after it is still pending.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task FailedNonTransactionalMigration_IsIncomplete_AndTheNextOnePending()
    {
        await using var database = await CreateDatabaseAsync();
        await using var runner = Runner(database, Shop);
        await FluentActions.Awaiting(() => runner.MigrateUpAsync()).Should().ThrowAsync<MigrationFailedException>();

        var health = await runner.GetHealthAsync();

        health.Reachable.Should().BeTrue(health.ToString());
        health.CurrentVersion.Should().Be(1);
        health.IncompleteVersions.Should().Equal(2L);
        health.PendingVersions.Should().Equal(3L);
        var status = await runner.GetStatusAsync();
        health.PendingVersions.Should().Equal(status.Pending.Select(p => p.Version), "health reads the same status");
    }

    /// <summary>Known inserts are counted exactly per table; MigrationKit's own tables are listed and flagged, the application's are not.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task Tables_HaveTheRowsInserted_AndBookkeepingTablesAreFlagged()
    {
        await using var database = await CreateDatabaseAsync();
        await using var runner = Runner(database, Shop);
        await runner.MigrateUpAsync(1);
        await database.ExecuteAsync("INSERT INTO \"customers\" (\"id\", \"name\") VALUES (1, 'Ada'), (2, 'Brian'), (3, 'Chen')");
        await database.ExecuteAsync("INSERT INTO \"orders\" (\"id\", \"customer_id\", \"total\") VALUES (1, 1, 10), (2, 1, 20), (3, 2, 30), (4, 3, 40), (5, 3, 50)");

        var health = await runner.GetHealthAsync();

        var customers = health.Tables.Should().ContainSingle(t => t.Table == new QualifiedName("customers"), health.ToJson()).Which;
        customers.Rows.Should().Be(3);
        customers.RowsExact.Should().BeTrue();
        customers.IsBookkeeping.Should().BeFalse();
        var orders = health.Tables.Should().ContainSingle(t => t.Table == new QualifiedName("orders")).Which;
        orders.Rows.Should().Be(5);
        orders.RowsExact.Should().BeTrue();
        var history = new MigrationHistoryOptions();
        health.Tables.Should().Contain(t => t.Table == history.HistoryTable && t.IsBookkeeping && t.Rows == 1, "the history holds one applied migration");
        health.Tables.Should().Contain(t => t.Table == history.JournalTable && t.IsBookkeeping);
        health.Tables.Where(t => !t.IsBookkeeping).Select(t => t.Table.Name).Should().BeEquivalentTo("customers", "orders");
        health.DatabaseSizeBytes.Should().BePositive();
        health.CurrentVersion.Should().Be(1);
        health.PendingVersions.Should().Equal(2L, 3L);
        health.ToJson().Should().Contain("\"reachable\": true").And.Contain("\"customers\"");
        health.ToString().Should().Contain("reachable").And.Contain("2 table(s)").And.Contain("2 pending");
    }

    /// <summary>A database that cannot be reached is reported, not thrown: unreachable, with an error naming it; nothing else read.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task UnreachableDatabase_IsReportedNotThrown_NamingTheDatabase()
    {
        var provider = CreateUnreachableProvider();
        var name = provider.DisplayName;
        await using var runner = Runner(provider, Shop);

        var health = await runner.GetHealthAsync();

        health.Reachable.Should().BeFalse(health.ToString());
        health.Database.Should().Be(name);
        health.Error.Should().Contain(name);
        health.Latency.Should().BeNull();
        health.ServerVersion.Should().BeNull();
        health.Tables.Should().BeEmpty();
        health.ToString().Should().StartWith(name + ": unreachable");
    }

    /// <summary>Every part of the report is either there or named, with its reason, as not available on this engine.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task EveryPart_IsReportedOrNamedAsNotAvailable()
    {
        await using var database = await CreateDatabaseAsync();
        await using var runner = Runner(database, Shop);
        await runner.MigrateUpAsync(1);

        var health = await runner.GetHealthAsync();

        health.Tables.Should().NotBeEmpty();
        if (health.Tables.Any(t => t.SizeBytes is null || t.IndexSizeBytes is null))
        {
            health.NotAvailable.Should().Contain(n => n.Contains("sizes", StringComparison.Ordinal), "a size left out is explained");
        }

        if (health.Tables.Any(t => t.DeadRows is null))
        {
            health.NotAvailable.Should().Contain(n => n.Contains("dead rows", StringComparison.Ordinal), "dead rows left out are explained");
        }

        if (health.SlowStatements.Count == 0)
        {
            health.SlowStatementsUnavailable.Should().StartWith("not available", "no statements means the source is missing, and says so");
        }
        else
        {
            health.SlowStatementsUnavailable.Should().BeNull();
        }

        health.NotAvailable.Where(n => !n.Contains(": ", StringComparison.Ordinal)).Should().BeEmpty("each names the part, then the reason");
    }

    /// <summary>Cancellation is the one thing that makes the health check throw.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task Cancelled_Throws()
    {
        await using var database = await CreateDatabaseAsync();
        await using var runner = Runner(database, Shop);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await FluentActions.Awaiting(() => runner.GetHealthAsync(cancelled.Token)).Should().ThrowAsync<OperationCanceledException>();
    }
}
