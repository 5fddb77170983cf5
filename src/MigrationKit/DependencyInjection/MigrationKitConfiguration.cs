using System.Reflection;

namespace MigrationKit;

/// <summary>
/// The one configuration path that <c>AddMigrationKit</c> and <see cref="MigrationRunnerBuilder"/> share: sources and
/// types added the same way (each kept once), and the same validation, listing every problem at once.
/// </summary>
internal static class MigrationKitConfiguration
{
    /// <summary>Adds a source of migrations unless the options already have it.</summary>
    public static void AddSource(MigrationKitOptions options, Assembly assembly, string? inNamespace)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var source = new MigrationSource(assembly, inNamespace);
        if (!options.Sources.Contains(source))
        {
            options.Sources.Add(source);
        }
    }

    /// <summary>Adds migration classes, each unless the options already have it.</summary>
    public static void AddTypes(MigrationKitOptions options, IEnumerable<Type> migrationTypes)
    {
        ArgumentNullException.ThrowIfNull(migrationTypes);
        foreach (var type in migrationTypes.Where(t => !options.MigrationTypes.Contains(t)))
        {
            options.MigrationTypes.Add(type);
        }
    }

    /// <summary>Adds a source of SQL-file migrations unless the options already have it.</summary>
    public static void AddSqlSource(MigrationKitOptions options, SqlMigrationSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!options.SqlSources.Contains(source))
        {
            options.SqlSources.Add(source);
        }
    }

    /// <summary>Everything wrong with a target's configuration, in words that say what to call; empty when it can be built.</summary>
    /// <param name="options">The target's options.</param>
    /// <param name="hasProvider">Whether a database provider is set.</param>
    /// <param name="noProvider">What to say when it is not.</param>
    public static IReadOnlyList<string> Problems(MigrationKitOptions options, bool hasProvider, string noProvider)
    {
        var problems = new List<string>();
        if (!hasProvider)
        {
            problems.Add(noProvider);
        }

        if (options.Sources.Count == 0 && options.MigrationTypes.Count == 0 && options.SqlSources.Count == 0)
        {
            problems.Add("no migrations: call AddMigrationsFrom(assembly), AddMigrations(types) or AddSqlMigrationsFrom(directory)");
        }

        if (string.IsNullOrWhiteSpace(options.AppliedBy))
        {
            problems.Add("Options.AppliedBy is empty: set it to who runs the migrations");
        }

        if ((options.Checkpoints.Policy != Checkpoints.CheckpointPolicy.Never || options.Checkpoints.CustomPolicy is not null || options.Checkpoints.RestoreOnFailure) && string.IsNullOrWhiteSpace(options.Checkpoints.Directory))
        {
            problems.Add("Options.Checkpoints asks for automatic checkpoints but Options.Checkpoints.Directory is not set: set it to the folder that keeps the backup files");
        }

        problems.AddRange(options.Risk.Problems());
        problems.AddRange(options.Health.Problems());

        return problems;
    }

    /// <summary>Throws one exception listing every problem, when there is any.</summary>
    /// <exception cref="InvalidOperationException">The configuration is incomplete.</exception>
    public static void ThrowIfInvalid(IReadOnlyList<string> problems, string heading)
    {
        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"{heading}:\n  - {string.Join("\n  - ", problems)}");
        }
    }
}
