namespace MigrationKit.Specification.Support;

/// <summary>Where the suite's migrations live: one namespace per scenario under <see cref="Root"/>.</summary>
internal static class Scenarios
{
    public const string Root = "MigrationKit.Specification.Migrations";

    public static string Namespace(string scenario) => Root + "." + scenario;
}
