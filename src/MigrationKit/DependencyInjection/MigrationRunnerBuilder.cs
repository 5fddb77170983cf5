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
    public IMigrationRunner Build()
    {
        var problems = MigrationKitConfiguration.Problems(Options, _provider is not null, "no database provider: call UseSqlite(...), UsePostgreSql(...) or UseProvider(...)");
        MigrationKitConfiguration.ThrowIfInvalid(problems, "The migration runner cannot be built");
        return new MigrationRunner(_provider!, Options, _loggerFactory, _timeProvider, services: null, ownsProvider: true);
    }
}
