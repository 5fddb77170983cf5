using MigrationKit.Sqlite.Tests.Support;

namespace MigrationKit.Sqlite.Tests.Running;

/// <summary>
/// Wrong SQLite connection input gets a typed exception that names the object and the remedy, and never a password.
/// The provider-neutral bad-input tests (targets, duplicates, edited or missing migrations) are in the conformance suite.
/// </summary>
public sealed class MigrationRunnerBadInputTests
{
    private const string Basic = "MigrationKit.Sqlite.Tests.Running.Basic";

    [Test]
    public async Task MigrateUp_DatabaseInMissingFolder_ThrowsConnectionErrorNamingThePath()
    {
        var path = Path.Combine(Path.GetTempPath(), "migrationkit-missing-" + Guid.NewGuid().ToString("N"), "app.db");
        await using var runner = Runners.Create($"Data Source={path};Mode=ReadWrite", "MigrationKit.Sqlite.Tests.Running.Basic");

        var act = () => runner.MigrateUpAsync();

        var error = (await act.Should().ThrowAsync<MigrationConnectionException>()).Which;
        error.Message.Should().Contain(path).And.Contain("Check that the path");
        error.InnerException.Should().NotBeNull();
        File.Exists(path).Should().BeFalse();
    }

    [Test]
    public async Task MigrateUp_PasswordInConnectionString_NeverAppearsInTheError()
    {
        var path = Path.Combine(Path.GetTempPath(), "migrationkit-missing-" + Guid.NewGuid().ToString("N"), "app.db");
        await using var runner = Runners.Create($"Data Source={path};Password=s3cret-Pa55", Basic);

        var act = () => runner.MigrateUpAsync();

        var error = (await act.Should().ThrowAsync<MigrationKitException>()).Which;
        error.ToString().Should().NotContain("s3cret-Pa55");
    }

    [Test]
    public void UseSqlite_MalformedConnectionString_ThrowsArgumentException()
    {
        var act = () => new MigrationRunnerBuilder().UseSqlite("Data Source=app.db;Not A Keyword=1");

        act.Should().Throw<ArgumentException>();
    }
}
