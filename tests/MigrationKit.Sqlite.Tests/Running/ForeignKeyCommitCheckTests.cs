using MigrationKit.Sqlite.Tests.Support;

namespace MigrationKit.Sqlite.Tests.Running;

/// <summary>SQLite runs migrations with foreign keys unenforced (for rebuilds) and checks them before each commit.</summary>
public sealed class ForeignKeyCommitCheckTests
{
    [Test]
    public async Task MigrateUp_ForeignKeyViolatedAtCommit_FailsNamingTheMigrationAndLeavesNothing()
    {
        await using var runner = Runners.InMemory("MigrationKit.Sqlite.Tests.Running.Orphans");

        var act = () => runner.MigrateUpAsync();

        var failure = (await act.Should().ThrowAsync<MigrationFailedException>()).Which;
        failure.Version.Should().Be(1);
        failure.InnerException.Should().BeOfType<MigrationKitException>().Which.Message.Should().Contain("\"children\" rowid 1 references a missing row of \"parents\"");
        (await runner.ReadSchemaAsync()).Tables.Should().BeEmpty();
        (await runner.GetHistoryAsync()).Should().BeEmpty();
    }
}
