using Microsoft.Extensions.Logging;
using MigrationKit.Cli.Connections;
using MigrationKit.Cli.Loading;
using MigrationKit.Cli.Output;
using MigrationKit.PostgreSql;
using MigrationKit.Sqlite;

namespace MigrationKit.Cli.Commands;

/// <summary>The one place that turns the common options into a runner: the provider, then the migration sources.</summary>
internal static class RunnerFactory
{
    public static IMigrationRunner Create(RunnerSettings settings, CliOutput output, ILoggerFactory? loggerFactory, Action<MigrationKitOptions>? configure = null)
    {
        var connectionString = settings.ConnectionString
            ?? throw new CommandLineException($"No connection string: pass --connection \"...\" or set the environment variable {GlobalOptions.ConnectionVariable}.");
        var builder = new MigrationRunnerBuilder();
        if (loggerFactory is not null)
        {
            builder.UseLoggerFactory(loggerFactory);
        }

        UseProvider(builder, ProviderInference.Resolve(settings.Provider, connectionString), connectionString, settings);
        AddMigrationSources(builder, settings);
        if (settings.CheckpointDirectory is { } directory)
        {
            builder.Configure(options => options.Checkpoints.Directory = Path.GetFullPath(directory));
        }

        if (configure is not null)
        {
            builder.Configure(configure);
        }

        var runner = builder.Build();
        if (runner.Migrations.Count == 0)
        {
            output.Warning($"No migration classes were found in {SourcesDescription(settings)}.");
        }

        return runner;
    }

    private static void UseProvider(MigrationRunnerBuilder builder, ProviderKind provider, string connectionString, RunnerSettings settings)
    {
        switch (provider)
        {
            case ProviderKind.Sqlite:
                if (settings.Schema is not null)
                {
                    throw new CommandLineException("--schema is for PostgreSQL; a SQLite database has no schemas to choose from. Leave it out.");
                }

                builder.UseSqlite(connectionString);
                break;
            case ProviderKind.PostgreSql:
                builder.UsePostgreSql(connectionString, options =>
                {
                    if (settings.Schema is not null)
                    {
                        options.Schema = settings.Schema;
                    }
                });
                break;
            default:
                throw new CommandLineException($"The provider {provider} is not supported by this tool.");
        }
    }

    // Every source of migrations adds itself here; a run needs at least one.
    private static void AddMigrationSources(MigrationRunnerBuilder builder, RunnerSettings settings)
    {
        var sources = 0;
        if (settings.AssemblyPath is { } assemblyPath)
        {
            builder.AddMigrationsFrom(MigrationAssemblyLoader.Load(assemblyPath), settings.MigrationsNamespace);
            sources++;
        }

        if (settings.SqlDirectory is { } sqlDirectory)
        {
            var full = Path.GetFullPath(sqlDirectory);
            if (!Directory.Exists(full))
            {
                throw new CommandLineException($"The SQL migrations folder '{full}' does not exist. Pass --sql-dir with the folder that holds the V…__….sql files.");
            }

            builder.AddSqlMigrationsFrom(full);
            sources++;
        }

        if (sources == 0)
        {
            throw new CommandLineException(
                $"No migrations: pass --assembly path/to/app.dll (the application's build output) or set the environment variable {GlobalOptions.AssemblyVariable}, or --sql-dir path/to/sql (or {GlobalOptions.SqlDirectoryVariable}) for SQL-file migrations.");
        }
    }

    private static string SourcesDescription(RunnerSettings settings) =>
        string.Join(" or ", new[]
        {
            settings.AssemblyPath is { } path ? $"'{path}'" + (settings.MigrationsNamespace is { } ns ? $" under the namespace '{ns}'" : string.Empty) : null,
            settings.SqlDirectory is { } sql ? $"the SQL folder '{sql}'" : null,
        }.Where(s => s is not null))
        + ": check the path and the namespace; a migration is a class deriving from Migration with a [Migration(version, \"description\")] attribute";
}
