using MigrationKit.Drift;
using MigrationKit.Inspection;
using MigrationKit.Operations;
using MigrationKit.Specification.Support;

namespace MigrationKit.Specification;

/// <summary>
/// Drift detection: a database that only its migrations changed has none (pending migrations ignored); each change
/// made outside the history — an added column, a dropped index, a changed default, a changed type, an extra table — is
/// reported exactly, once, with fix SQL that, run, leaves no drift; an ignore list leaves tables out.
/// </summary>
/// <typeparam name="TTarget">The provider's target.</typeparam>
[TestFixture]
public abstract class DriftSpecification<TTarget> : SpecificationFixture<TTarget>
    where TTarget : ISpecificationTarget, new()
{
    private const string Shop = "Drift.Shop";

    private static readonly QualifiedName Items = new("items");

    /// <summary>Every migration applied, nothing changed by hand: no drift, every applied version replayed.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task MigratedDatabase_HasNoDrift()
    {
        await using var database = await CreateDatabaseAsync();
        await using var runner = Runner(database, Shop);
        await runner.MigrateUpAsync();

        var report = await runner.DetectDriftAsync();

        report.Findings.Should().BeEmpty(report.ToString());
        report.HasDrift.Should().BeFalse();
        report.ReplayedVersions.Should().Equal(1L, 2L, 3L);
        report.Version.Should().Be(3);
        report.ToString().Should().StartWith("No drift");
    }

    /// <summary>A migration not applied yet is not expected in the schema.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task PendingMigrations_AreIgnored()
    {
        await using var database = await CreateDatabaseAsync();
        await using var runner = Runner(database, Shop);
        await runner.MigrateUpAsync(2);

        var report = await runner.DetectDriftAsync();

        report.Findings.Should().BeEmpty(report.ToString());
        report.ReplayedVersions.Should().Equal(1L, 2L);
    }

    /// <summary>An empty database with no history: nothing replayed, nothing expected, no drift.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task EmptyDatabase_HasNoDrift()
    {
        await using var database = await CreateDatabaseAsync();
        await using var runner = Runner(database, Shop);

        var report = await runner.DetectDriftAsync();

        report.HasDrift.Should().BeFalse(report.ToString());
        report.ReplayedVersions.Should().BeEmpty();
    }

    /// <summary>Each change made outside the history is reported exactly once, as itself; its fix removes the drift.</summary>
    /// <param name="change">The hand change's scenario.</param>
    /// <param name="kind">The expected kind of difference.</param>
    /// <param name="objectKind">The expected kind of object.</param>
    /// <param name="table">The table.</param>
    /// <param name="name">The object's name.</param>
    /// <returns>A task that completes when the check is done.</returns>
    [TestCase("AddedColumn", SchemaDifferenceKind.Unexpected, SchemaObjectKind.Column, "items", "extra")]
    [TestCase("DroppedIndex", SchemaDifferenceKind.Missing, SchemaObjectKind.Index, "items", "ix_items_name")]
    [TestCase("ChangedDefault", SchemaDifferenceKind.Changed, SchemaObjectKind.Column, "items", "qty")]
    [TestCase("ChangedType", SchemaDifferenceKind.Changed, SchemaObjectKind.Column, "items", "qty")]
    [TestCase("ExtraTable", SchemaDifferenceKind.Unexpected, SchemaObjectKind.Table, "scratch_notes", "scratch_notes")]
    public async Task HandChange_IsReportedExactlyWithAFixThatRemovesIt(string change, SchemaDifferenceKind kind, SchemaObjectKind objectKind, string table, string name)
    {
        await using var database = await CreateDatabaseAsync();
        await using var runner = Runner(database, Shop);
        await runner.MigrateUpAsync();
        await ChangeByHandAsync(database, change);

        var report = await runner.DetectDriftAsync();

        var finding = report.Findings.Should().ContainSingle(report.ToString()).Which;
        finding.Difference.Kind.Should().Be(kind);
        finding.Difference.ObjectKind.Should().Be(objectKind);
        finding.Difference.Table.Should().Be(new QualifiedName(table));
        finding.Difference.Name.Should().Be(name);
        finding.CanFix.Should().BeTrue("a fix can be derived for {0}", finding);
        report.HasDrift.Should().BeTrue();

        // As a script, in order, on one connection: a SQLite rebuild's statements depend on session settings it makes.
        await database.ExecuteAsync(string.Join(";\n", finding.FixSql));

        var after = await runner.DetectDriftAsync();
        after.Findings.Should().BeEmpty("the fix SQL makes the schema what the migrations create: {0}", after);
    }

    /// <summary>A changed column reports both definitions, the migrations' as expected and the database's as actual.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task ChangedDefault_NamesBothDefinitions()
    {
        await using var database = await CreateDatabaseAsync();
        await using var runner = Runner(database, Shop);
        await runner.MigrateUpAsync();
        await ChangeByHandAsync(database, "ChangedDefault");

        var difference = (await runner.DetectDriftAsync()).Findings.Should().ContainSingle().Which.Difference;

        difference.Table.Should().Be(Items);
        difference.Expected.Should().Contain("DEFAULT 0");
        difference.Actual.Should().Contain("DEFAULT 5");
        difference.ToString().Should().Be($"table items: column qty is {difference.Actual}, expected {difference.Expected}");
    }

    /// <summary>Tables in the ignore list are left out, by name or pattern.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task IgnoredTables_AreLeftOut()
    {
        await using var database = await CreateDatabaseAsync();
        await using var runner = Runner(database, Shop, o => o.Drift.IgnoredTables.Add("scratch_*"));
        await runner.MigrateUpAsync();
        await ChangeByHandAsync(database, "ExtraTable");

        var report = await runner.DetectDriftAsync();

        report.Findings.Should().BeEmpty(report.ToString());
    }

    /// <summary>An applied migration edited since it was applied has no faithful replay: refused as validation refuses it.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task AppliedMigrationMissingFromCode_IsRefused()
    {
        await using var database = await CreateDatabaseAsync();
        await using (var runner = Runner(database, Shop))
        {
            await runner.MigrateUpAsync();
        }

        await using var other = Runner(database, "Drift.Hand.AddedColumn");
        var detect = () => other.DetectDriftAsync();

        await detect.Should().ThrowAsync<MigrationValidationException>();
    }

    private static async Task ChangeByHandAsync(ISpecificationDatabase database, string change)
    {
        await using (var hand = Runner(database, "Drift.Hand." + change, o =>
        {
            o.History.HistoryTable = new("__hand_history");
            o.History.JournalTable = new("__hand_journal");
        }))
        {
            await hand.MigrateUpAsync();
        }

        await database.ExecuteAsync("DROP TABLE \"__hand_history\"");
        await database.ExecuteAsync("DROP TABLE \"__hand_journal\"");
        await database.ExecuteAsync("DROP TABLE \"__hand_history_digest\"");
    }
}
