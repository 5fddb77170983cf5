using System.Globalization;
using System.Reflection;
using MigrationKit.Benchmarks.Support;

namespace MigrationKit.Benchmarks.Chain;

/// <summary>
/// The chain as SQL scripts, for the peers that run SQL (DbUp, Evolve, and FluentMigrator through
/// <c>Execute.EmbeddedScript</c>): one embedded resource per migration and engine, <c>Chain/Scripts/&lt;engine&gt;/V0001__chain_0001.sql</c>,
/// holding the two statements MigrationKit generates for the same migration, each ended by <c>;</c> and a line break.
/// </summary>
/// <remarks>
/// The scripts are written by <c>benchmarks/tools/GenerateMigrations.cs</c>; <see cref="CheckAgainst"/> compares them
/// with MigrationKit's dry run at setup, so every side runs identical SQL or the benchmark fails.
/// </remarks>
public static class ChainScripts
{
    /// <summary>The assembly holding the scripts.</summary>
    public static Assembly Assembly { get; } = typeof(ChainScripts).Assembly;

    /// <summary>The common start of the resource names of <paramref name="engine"/>'s scripts.</summary>
    /// <param name="engine">The engine.</param>
    /// <returns>The prefix, ending with a dot.</returns>
    public static string ResourcePrefix(DatabaseEngine engine) => $"{typeof(ChainScripts).Namespace}.Scripts.{engine}.";

    /// <summary>The file name of migration <paramref name="number"/>'s script: Flyway's <c>V&lt;version&gt;__&lt;description&gt;.sql</c>, in version order by name.</summary>
    /// <param name="number">The migration's number, from 1.</param>
    /// <returns>The file name.</returns>
    public static string FileName(int number) => string.Create(CultureInfo.InvariantCulture, $"V{number:D4}__{ChainSchema.Table(number)}.sql");

    /// <summary>The resource name of migration <paramref name="number"/>'s script on <paramref name="engine"/>.</summary>
    /// <param name="engine">The engine.</param>
    /// <param name="number">The migration's number, from 1.</param>
    /// <returns>The manifest resource name.</returns>
    public static string ResourceName(DatabaseEngine engine, int number) => ResourcePrefix(engine) + FileName(number);

    /// <summary>Whether <paramref name="resourceName"/> is the script of one of the first <paramref name="count"/> migrations on <paramref name="engine"/>.</summary>
    /// <param name="engine">The engine.</param>
    /// <param name="count">How many migrations, from the first.</param>
    /// <param name="resourceName">A manifest resource name.</param>
    /// <returns>True for the scripts of migrations 1 to <paramref name="count"/>.</returns>
    public static bool IsAmongFirst(DatabaseEngine engine, int count, string resourceName)
    {
        ArgumentNullException.ThrowIfNull(resourceName);
        var prefix = ResourcePrefix(engine);
        return resourceName.StartsWith(prefix, StringComparison.Ordinal)
            && int.Parse(resourceName.AsSpan(prefix.Length + 1, 4), CultureInfo.InvariantCulture) <= count;
    }

    /// <summary>
    /// Checks that the scripts of the first <paramref name="steps"/>' migrations are exactly their statements (MigrationKit's
    /// dry run), and that there is a script for every migration of the chain.
    /// </summary>
    /// <param name="engine">The engine whose scripts are checked.</param>
    /// <param name="steps">MigrationKit's dry run of the chain on <paramref name="engine"/>.</param>
    /// <exception cref="InvalidOperationException">A script differs or is missing.</exception>
    public static void CheckAgainst(DatabaseEngine engine, IReadOnlyList<MigrationScriptStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        Check.That(Assembly.GetManifestResourceNames().Count(n => n.StartsWith(ResourcePrefix(engine), StringComparison.Ordinal)) == ChainSchema.Count, $"there is not one {engine} script per chain migration");
        foreach (var step in steps)
        {
            var expected = string.Concat(step.Statements.Select(s => s + ";\n"));
            Check.That(Read(engine, (int)step.Version) == expected, $"the {engine} script of migration {step.Version} is not MigrationKit's SQL; run benchmarks/tools/GenerateMigrations.cs");
        }
    }

    private static string Read(DatabaseEngine engine, int number)
    {
        using var stream = Assembly.GetManifestResourceStream(ResourceName(engine, number))
            ?? throw new InvalidOperationException($"No embedded script {ResourceName(engine, number)}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
