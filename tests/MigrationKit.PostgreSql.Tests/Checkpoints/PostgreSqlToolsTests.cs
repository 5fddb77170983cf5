using FluentAssertions;
using MigrationKit.Checkpoints;
using MigrationKit.PostgreSql.Checkpoints;
using MigrationKit.PostgreSql.Tests.Support;

namespace MigrationKit.PostgreSql.Tests.Checkpoints;

/// <summary>Finding pg_dump and friends, refusing an old one, and keeping the password off the command line.</summary>
public sealed class PostgreSqlToolsTests : DatabaseTest
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), "migrationkit-pg-tools", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task The_tools_are_found_and_their_version_is_read()
    {
        foreach (var tool in new[] { "pg_dump", "pg_restore", "psql" })
        {
            var path = PostgreSqlTools.Find(tool, configuredDirectory: null);

            File.Exists(path).Should().BeTrue();
            var version = await PostgreSqlTools.GetVersionAsync(path, CancellationToken.None);
            version.Major.Should().BeGreaterThanOrEqualTo(10, $"{path} prints its version");
        }
    }

    [Test]
    public void A_configured_folder_without_the_tool_is_refused_with_the_folder_named()
    {
        var act = () => PostgreSqlTools.Find("pg_dump", _folder);

        act.Should().Throw<CheckpointException>().Which.Message.Should().Contain(_folder).And.Contain("ToolsDirectory");
    }

    [TestCase(150018, 15, 18)]
    [TestCase(90624, 9, 6)]
    [TestCase(170000, 17, 0)]
    public void Server_version_num_is_read_as_a_version(int number, int major, int minor)
    {
        var version = PostgreSqlTools.FromServerVersionNum(number);

        version.Major.Should().Be(major);
        version.Minor.Should().Be(minor);
    }

    [Test]
    [Platform(Exclude = "Win")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_pg_dump_older_than_the_server_is_refused_naming_both_versions()
    {
        var fake = Path.Combine(_folder, "pg_dump");
        await File.WriteAllTextAsync(fake, "#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.24'\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await using var provider = Database.Provider(o => o.ToolsDirectory = _folder);
        var file = Path.Combine(_folder, "c.dump");
        var server = await Database.ScalarAsync<int>("SELECT current_setting('server_version_num')::int") / 10000;

        var act = async () => await provider.CreateBackup().BackupAsync(file, CheckpointLevel.Full);

        (await act.Should().ThrowAsync<CheckpointException>()).Which.Message.Should()
            .Contain(fake).And.Contain("9.6.24").And.Contain($"PostgreSQL {server}").And.Contain("ToolsDirectory");
        File.Exists(file).Should().BeFalse("nothing was written");
    }

    [Test]
    public async Task A_pg_dump_of_the_servers_version_is_accepted()
    {
        var pgDump = PostgreSqlTools.Find("pg_dump", null);
        var server = PostgreSqlTools.FromServerVersionNum(await Database.ScalarAsync<int>("SELECT current_setting('server_version_num')::int"));

        var act = async () => PostgreSqlTools.EnsureNotOlder("pg_dump", pgDump, await PostgreSqlTools.GetVersionAsync(pgDump, CancellationToken.None), server);

        await act.Should().NotThrowAsync();
        PostgreSqlTools.Major(server).Should().Be(new Version(server.Major, 0));
    }

    [Test]
    public async Task The_password_goes_through_the_environment_never_the_command_line()
    {
        const string Password = "s3cr3t-Pa55word";
        var connectionString = new Npgsql.NpgsqlConnectionStringBuilder(Database.ConnectionString) { Password = Password, SslMode = Npgsql.SslMode.Disable }.ConnectionString;
        await using var provider = new PostgreSqlMigrationProvider(connectionString, new PostgreSqlMigrationOptions { Schema = "app" });
        var backup = (PostgreSqlDatabaseBackup)provider.CreateBackup();
        var target = new PostgreSqlDatabaseBackup.Target(new Version(15, 0), ["app"], [("app", "customers")], []);

        var start = backup.CreateDumpStartInfo("/usr/bin/pg_dump", "/tmp/x.dump", target);

        start.ArgumentList.Should().NotContain(a => a.Contains(Password, StringComparison.Ordinal));
        start.ArgumentList.Should().NotContain(a => a.Contains(Database.Name, StringComparison.Ordinal), "the database too is passed in the environment");
        start.ArgumentList.Should().Contain(["--format=custom", "--file=/tmp/x.dump", "--schema=\"app\"", "--exclude-table-data=\"app\".\"customers\""]);
        start.Environment["PGPASSWORD"].Should().Be(Password);
        start.Environment["PGDATABASE"].Should().Be(Database.Name);
        start.Environment["PGSSLMODE"].Should().Be("disable");
    }

    [Test]
    public async Task A_password_role_can_take_and_restore_a_checkpoint_with_the_password_from_the_environment()
    {
        // The suite's cluster trusts local connections, so this proves the plumbing (the tools connect as the role
        // with the settings from the environment), not that the server checked the password.
        var role = "mk_role_" + Guid.NewGuid().ToString("N")[..8];
        await Database.ExecuteAsync($"CREATE ROLE {role} LOGIN PASSWORD 'pw-{role}'; GRANT ALL ON DATABASE \"{Database.Name}\" TO {role}; ALTER SCHEMA public OWNER TO {role}");
        try
        {
            var connectionString = new Npgsql.NpgsqlConnectionStringBuilder(Database.ConnectionString) { Username = role, Password = "pw-" + role }.ConnectionString;
            await using var provider = new PostgreSqlMigrationProvider(connectionString, new PostgreSqlMigrationOptions());
            await Database.ExecuteAsync($"SET ROLE {role}; CREATE TABLE owned (id int); INSERT INTO owned VALUES (1), (2); RESET ROLE");
            var file = Path.Combine(_folder, "c.dump");

            await provider.CreateBackup().BackupAsync(file, CheckpointLevel.Full);
            await Database.ExecuteAsync("DELETE FROM owned");
            await provider.CreateBackup().RestoreAsync(file, CheckpointLevel.Full);

            (await Database.ScalarAsync<long>("SELECT count(*) FROM owned")).Should().Be(2);
            (await Database.ScalarAsync<string>("SELECT tableowner FROM pg_tables WHERE tablename = 'owned'")).Should().Be(role);
        }
        finally
        {
            await Database.ExecuteAsync($"ALTER SCHEMA public OWNER TO pg_database_owner; DROP OWNED BY {role} CASCADE");
            await Database.ExecuteAsync($"DROP ROLE {role}");
        }
    }
}
