using MigrationKit.Sqlite.Tests.Support;

namespace MigrationKit.Sqlite.Tests.Providers;

/// <summary>Operations designed for PostgreSQL behave sensibly on SQLite: kept, ignored where meaningless, or refused clearly.</summary>
public sealed class SqliteServerOnlyFeaturesTests
{
    private const string Root = "MigrationKit.Sqlite.Tests.Providers.ServerFeatures.";

    [Test]
    public async Task ExpressionIndex_ReadBackAndKeptThroughATableRebuild()
    {
        await using var runner = Runners.InMemory(Root + "Expression");

        await runner.MigrateUpAsync(1);
        var index = (await runner.ReadSchemaAsync()).FindTable(new("items"))!.Indexes.Single();
        index.Expressions.Should().Equal("lower(name)");
        index.Columns.Should().BeEmpty();

        await runner.MigrateUpAsync();
        (await runner.ReadSchemaAsync()).FindTable(new("items"))!.Indexes.Should().ContainSingle()
            .Which.Should().BeEquivalentTo(index, "the rebuild recreates the expression index as it was");
        (await runner.CheckReversibilityAsync()).IsReversible.Should().BeTrue();
    }

    [Test]
    public async Task GinIndex_FailsNamingTheIndexAndMethod_AndLeavesNothing()
    {
        await using var runner = Runners.InMemory(Root + "Gin");

        var act = () => runner.MigrateUpAsync();

        var error = (await act.Should().ThrowAsync<MigrationFailedException>()).Which;
        error.InnerException.Should().BeOfType<NotSupportedException>().Which.Message.Should().Contain("ix_docs_search").And.Contain("gin").And.Contain("b-tree");
        (await runner.ReadSchemaAsync()).Tables.Should().BeEmpty();
    }

    [Test]
    public async Task NotValidForeignKeyThenValidate_AddsTheKey()
    {
        await using var runner = Runners.InMemory(Root + "NotValid");

        await runner.MigrateUpAsync();

        var key = (await runner.ReadSchemaAsync()).FindTable(new("children"))!.ForeignKeys.Should().ContainSingle().Which;
        key.Name.Should().Be("fk_children_parent_id_parents");
        (await runner.ScriptAsync()).Steps.Should().BeEmpty();
        await runner.RollbackAsync();
        (await runner.ReadSchemaAsync()).FindTable(new("children"))!.ForeignKeys.Should().BeEmpty();
    }

    [Test]
    public async Task ConcurrentIndex_InTransactionalMigration_IsRefusedWithTheRemedy()
    {
        await using var runner = Runners.InMemory(Root + "ConcurrentInTransaction");

        var act = () => runner.MigrateUpAsync();

        var error = (await act.Should().ThrowAsync<InvalidMigrationException>()).Which;
        error.Version.Should().Be(1);
        error.Message.Should().Contain("cannot run inside a transaction").And.Contain("MigrationTransactionMode.None");
        (await runner.ReadSchemaAsync()).Tables.Should().BeEmpty();
    }

    [Test]
    public async Task ConcurrentIndex_InMigrationWithoutTransaction_CreatesThePlainIndex()
    {
        await using var runner = Runners.InMemory(Root + "ConcurrentOutside");

        await runner.MigrateUpAsync();

        (await runner.ReadSchemaAsync()).FindTable(new("items"))!.Indexes.Should().ContainSingle().Which.Name.Should().Be("ix_items_id");
    }
}
