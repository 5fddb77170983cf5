using MigrationKit.PostgreSql.Tests.Support;

namespace MigrationKit.PostgreSql.Tests.Running;

/// <summary>A raw-SQL migration with a psql meta-command other than pg_dump's \restrict / \unrestrict is refused before any of it runs.</summary>
public sealed class PsqlMetaCommandTests : DatabaseTest
{
    [Test]
    public async Task MigrateUp_RawSqlWithConnectMetaCommand_IsRefusedByLineAndNothingRuns()
    {
        await using var runner = Database.Runner("MigrationKit.PostgreSql.Tests.Running.PsqlMetaCommand");

        var act = async () => await runner.MigrateUpAsync();

        var failure = (await act.Should().ThrowAsync<MigrationFailedException>()).Which;
        failure.Version.Should().Be(1);
        var error = failure.InnerException.Should().BeOfType<PsqlMetaCommandException>().Which;
        error.LineNumber.Should().Be(2);
        error.Command.Should().Be("\\connect");
        (await Database.ScalarAsync<long>("SELECT count(*) FROM pg_class WHERE relname IN ('before_connect', 'after_connect')")).Should().Be(0, "the migration's transaction never ran the table before the meta-command either");
        (await runner.GetHistoryAsync()).Should().BeEmpty();
    }
}
