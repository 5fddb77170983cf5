using System.Globalization;
using MigrationKit.Cli.Tests.Support;

namespace MigrationKit.Cli.Tests.Commands;

/// <summary><c>new</c>: a C# migration class or a V/U SQL pair, with a timestamp version.</summary>
public sealed class NewCommandTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateFolder() => _directory = Path.Combine(Path.GetTempPath(), "migrationkit-new-" + Guid.NewGuid().ToString("N")[..12]);

    [TearDown]
    public void DeleteFolder()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Test]
    public async Task New_writes_a_migration_class_with_a_timestamp_version_in_the_folder_and_namespace()
    {
        var before = Timestamp(DateTimeOffset.UtcNow);

        var result = await Tool.RunAsync("new", "Add orders table", "--dir", _directory, "--namespace", "Shop.Migrations", "--json");

        var after = Timestamp(DateTimeOffset.UtcNow);
        result.ExitCode.Should().Be(0, result.ToString());
        var json = result.Json();
        var version = json.GetProperty("version").GetInt64();
        version.Should().BeInRange(before, after);
        var file = json.GetProperty("files").EnumerateArray().Single().GetString()!;
        file.Should().Be(Path.Combine(_directory, $"{version}_AddOrdersTable.cs"));
        var code = await File.ReadAllTextAsync(file);
        code.Should().Contain("namespace Shop.Migrations;")
            .And.Contain($"[Migration({version}, \"Add orders table\")]")
            .And.Contain("public sealed class AddOrdersTable : Migration")
            .And.Contain("public override void Up(MigrationBuilder migration)");
    }

    [Test]
    public async Task New_with_sql_writes_the_V_and_U_file_pair()
    {
        var result = await Tool.RunAsync("new", "Add orders table", "--sql", "--dir", _directory);

        result.ExitCode.Should().Be(0, result.ToString());
        var files = Directory.GetFiles(_directory).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        files.Should().HaveCount(2);
        files[0].Should().MatchRegex(@"^U\d{12}__Add_orders_table\.sql$");
        files[1].Should().Be("V" + files[0]![1..]);
        result.Stdout.Should().Contain(Path.Combine(_directory, files[1]!));
    }

    [Test]
    public async Task New_refuses_a_second_migration_with_the_same_version_in_the_folder()
    {
        Directory.CreateDirectory(_directory);
        var version = Timestamp(DateTimeOffset.UtcNow);
        // Both the current and the next minute are taken, so the command cannot slip past the minute boundary.
        await File.WriteAllTextAsync(Path.Combine(_directory, $"V{version}__Taken.sql"), "-- taken");
        await File.WriteAllTextAsync(Path.Combine(_directory, $"V{NextMinute(version)}__Taken.sql"), "-- taken");

        var result = await Tool.RunAsync("new", "Another", "--sql", "--dir", _directory);

        result.ExitCode.Should().Be(1, result.ToString());
        result.Stderr.Should().Contain("already has a migration with version");
        Directory.GetFiles(_directory).Should().HaveCount(2);
    }

    [Test]
    public async Task New_rejects_a_description_without_letters_or_digits()
    {
        var result = await Tool.RunAsync("new", "--- !!", "--dir", _directory);

        result.ExitCode.Should().Be(1, result.ToString());
        result.Stderr.Should().Contain("letters or digits");
        Directory.Exists(_directory).Should().BeFalse();
    }

    private static long Timestamp(DateTimeOffset at) => long.Parse(at.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static long NextMinute(long version) =>
        Timestamp(new DateTimeOffset(DateTime.ParseExact(version.ToString(CultureInfo.InvariantCulture), "yyyyMMddHHmm", CultureInfo.InvariantCulture), TimeSpan.Zero).AddMinutes(1));
}
