using System.Reflection;

namespace MigrationKit.Cli.Tests.Support;

/// <summary>Where the tool and the fixture application were built (from the project's assembly metadata).</summary>
internal static class Paths
{
    public static string Cli => Path.GetFullPath(Metadata("MigrationKitCli"));

    public static string CliProject => Path.GetFullPath(Metadata("MigrationKitCliProject"));

    public static string TestMigrations => Path.GetFullPath(Metadata("TestMigrations"));

    public static string Configuration => Metadata("Configuration");

    public const string Shop = "MigrationKit.Cli.TestMigrations.Shop";

    public const string Broken = "MigrationKit.Cli.TestMigrations.Broken";

    private static string Metadata(string key) => typeof(Paths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
