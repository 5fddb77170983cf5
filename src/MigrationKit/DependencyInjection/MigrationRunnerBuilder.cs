using System.Reflection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MigrationKit.Providers;

namespace MigrationKit;

/// <summary>
/// Builds a runner without a service container, for tools and tests. The runner built owns the provider and
/// disposes it (closing an in-memory SQLite database) when disposed.
/// </summary>
public sealed class MigrationRunnerBuilder
{
    private MigrationProvider? _provider;
    private ILoggerFactory _loggerFactory = NullLoggerFactory.Instance;
    private TimeProvider _timeProvider = TimeProvider.System;

    /// <summary>The options the runner will use.</summary>
    public MigrationKitOptions Options { get; } = new();

    /// <summary>Sets the database provider (<c>UseSqlite</c> and <c>UsePostgreSql</c> call this).</summary>
    /// <param name="provider">The provider.</param>
    /// <returns>This builder.</returns>
    public MigrationRunnerBuilder UseProvider(MigrationProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        _provider = provider;
        return this;
    }

    /// <summary>Discovers migrations in an assembly, optionally only in one namespace and those below it.</summary>
    /// <param name="assembly">The assembly.</param>
    /// <param name="inNamespace">The namespace to keep, or <see langword="null"/> for the whole assembly.</param>
    /// <returns>This builder.</returns>
    public MigrationRunnerBuilder AddMigrationsFrom(Assembly assembly, string? inNamespace = null)
    {
        MigrationKitConfiguration.AddSource(Options, assembly, inNamespace);
        return this;
    }

    /// <summary>Adds migration classes one by one.</summary>
    /// <param name="migrationTypes">The classes.</param>
    /// <returns>This builder.</returns>
    public MigrationRunnerBuilder AddMigrations(params Type[] migrationTypes)
    {
        MigrationKitConfiguration.AddTypes(Options, migrationTypes);
        return this;
    }

    /// <summary>
    /// Adds the SQL-file migrations directly in <paramref name="directory"/>: <c>V{version}__{description}.sql</c>
    /// (versioned), <c>U{version}__{description}.sql</c> (its Down) and <c>R__{name}.sql</c> (repeatable). They mix
    /// with migration classes in one version sequence. The files are read and checked by <see cref="Build"/>.
    /// </summary>
    /// <param name="directory">The directory; a relative path is resolved against the current directory now.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    public MigrationRunnerBuilder AddSqlMigrationsFrom(string directory)
    {
        MigrationKitConfiguration.AddSqlSource(Options, SqlMigrationSource.FromDirectory(directory));
        return this;
    }

    /// <summary>
    /// Adds the SQL-file migrations embedded in <paramref name="assembly"/> whose resource names start with
    /// <paramref name="resourcePrefix"/> (see <see cref="SqlMigrationSource.FromEmbeddedResources"/>).
    /// </summary>
    /// <param name="assembly">The assembly.</param>
    /// <param name="resourcePrefix">The prefix of the resources' names, for example <c>MyApp.Sql</c>; <see langword="null"/> for every <c>.sql</c> resource.</param>
    /// <returns>This builder.</returns>
    public MigrationRunnerBuilder AddSqlMigrationsFromEmbeddedResources(Assembly assembly, string? resourcePrefix = null)
    {
        MigrationKitConfiguration.AddSqlSource(Options, SqlMigrationSource.FromEmbeddedResources(assembly, resourcePrefix));
        return this;
    }

    /// <summary>Changes the options.</summary>
    /// <param name="configure">Changes the options.</param>
    /// <returns>This builder.</returns>
    public MigrationRunnerBuilder Configure(Action<MigrationKitOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(Options);
        return this;
    }

    /// <summary>Logs through <paramref name="loggerFactory"/>.</summary>
    /// <param name="loggerFactory">The logger factory.</param>
    /// <returns>This builder.</returns>
    public MigrationRunnerBuilder UseLoggerFactory(ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _loggerFactory = loggerFactory;
        return this;
    }

    /// <summary>Takes timestamps from <paramref name="timeProvider"/> (tests pass a controlled clock).</summary>
    /// <param name="timeProvider">The time provider.</param>
    /// <returns>This builder.</returns>
    public MigrationRunnerBuilder UseTimeProvider(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
        return this;
    }

    /// <summary>Validates the configuration and builds the runner.</summary>
    /// <returns>The runner; dispose it to release the provider.</returns>
    /// <exception cref="InvalidOperationException">The configuration is incomplete; the message lists every problem.</exception>
    /// <exception cref="DuplicateMigrationVersionException">Two migrations share a version.</exception>
    /// <exception cref="InvalidMigrationException">A migration class is declared wrongly.</exception>
    /// <exception cref="InvalidSqlMigrationException">SQL-file migrations cannot be used (a missing directory, a name that does not parse, an empty file, a Down file without its versioned file).</exception>
    public IMigrationRunner Build()
    {
        var problems = MigrationKitConfiguration.Problems(Options, _provider is not null, "no database provider: call UseSqlite(...), UsePostgreSql(...) or UseProvider(...)");
        MigrationKitConfiguration.ThrowIfInvalid(problems, "The migration runner cannot be built");
        return new MigrationRunner(_provider!, Options, _loggerFactory, _timeProvider, services: null, ownsProvider: true);
    }
}
