using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using MigrationKit.Checkpoints;
using MigrationKit.History;
using MigrationKit.PostgreSql;
using MigrationKit.PostgreSql.Checkpoints;
using MigrationKit.Providers;
using MigrationKit.SafetyRunner.Protocol;
using MigrationKit.Sqlite;
using MigrationKit.Sqlite.Checkpoints;

namespace MigrationKit.SafetyRunner;

/// <summary>
/// Prints <c>ready</c>, then for each <see cref="RunCommand"/> line on stdin migrates the database up and prints the
/// runner's log lines (<c>log &lt;event&gt; &lt;message&gt;</c>) and one <c>result &lt;json&gt;</c> line; for each line
/// <c>restore &lt;json&gt;</c> (<see cref="RestoreCommand"/>) restores a checkpoint and prints one <c>result</c> line. Ends at end of input.
/// </summary>
internal static class Program
{
    private const string RestorePrefix = "restore ";

    public static async Task<int> Main()
    {
        await Console.Out.WriteLineAsync("ready");
        await Console.Out.FlushAsync();
        while (await Console.In.ReadLineAsync() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            var outcome = line.StartsWith(RestorePrefix, StringComparison.Ordinal)
                ? await RestoreAsync(JsonSerializer.Deserialize<RestoreCommand>(line[RestorePrefix.Length..]) ?? throw new InvalidOperationException("Empty command."))
                : await RunAsync(JsonSerializer.Deserialize<RunCommand>(line) ?? throw new InvalidOperationException("Empty command."));
            await Console.Out.WriteLineAsync("result " + JsonSerializer.Serialize(outcome));
            await Console.Out.FlushAsync();
        }

        return 0;
    }

    private static async Task<RunOutcome> RunAsync(RunCommand command)
    {
        var started = Stopwatch.GetTimestamp();
        using var loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(new StdoutLoggerProvider(command.Gate)));
        try
        {
            var builder = new MigrationRunnerBuilder().UseLoggerFactory(loggerFactory);
            builder = command.Provider switch
            {
                "sqlite" => builder.UseSqlite(command.ConnectionString),
                "postgresql" => builder.UsePostgreSql(command.ConnectionString, o =>
                {
                    if (command.LockMode is { } mode)
                    {
                        o.LockMode = Enum.Parse<PostgreSqlLockMode>(mode);
                    }

                    if (command.LockWaitMilliseconds is { } wait)
                    {
                        o.LockWaitTimeout = TimeSpan.FromMilliseconds(wait);
                    }
                }),
                _ => throw new ArgumentException($"Unknown provider '{command.Provider}'.", nameof(command)),
            };
            var runner = builder.AddMigrationsFrom(typeof(Program).Assembly, "MigrationKit.SafetyRunner.Migrations." + command.Set)
                .Configure(o => o.AppliedBy = command.AppliedBy)
                .Build();
            await using (runner)
            {
                var result = await runner.MigrateUpAsync();
                return new RunOutcome(true, result.Steps.Select(s => s.Version).ToArray(), result.ToVersion, null, null, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
        catch (Exception e)
        {
            return new RunOutcome(false, [], 0, e.GetType().Name, e.Message, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private static async Task<RunOutcome> RestoreAsync(RestoreCommand command)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var level = Enum.Parse<CheckpointLevel>(command.Level);
            var progress = new RestoreProgress(command.GateAtProgress);
            MigrationProvider provider = command.Provider switch
            {
                "sqlite" => new SqliteMigrationProvider(command.ConnectionString),
                "postgresql" => new PostgreSqlMigrationProvider(command.ConnectionString, new PostgreSqlMigrationOptions()),
                _ => throw new ArgumentException($"Unknown provider '{command.Provider}'.", nameof(command)),
            };
            IDatabaseBackup backup = provider is SqliteMigrationProvider sqlite
                ? new SqliteDatabaseBackup(sqlite, new MigrationHistoryOptions())
                {
                    StepPages = command.StepPages ?? SqliteDatabaseBackup.DefaultStepPages,
                    RestoreProgress = remaining => progress.Report(remaining),
                }
                : new PostgreSqlDatabaseBackup((PostgreSqlMigrationProvider)provider, new MigrationHistoryOptions()) { RestoreProgress = progress.Report };
            try
            {
                await Console.Out.WriteLineAsync("restoring");
                await Console.Out.FlushAsync();
                await backup.RestoreAsync(command.FilePath, level);
            }
            finally
            {
                await ((IAsyncDisposable)provider).DisposeAsync();
            }

            return new RunOutcome(true, [], 0, null, null, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception e)
        {
            return new RunOutcome(false, [], 0, e.GetType().Name, e.Message, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    /// <summary>Prints each progress report of a restore and stops at the gate's report, when there is one.</summary>
    private sealed class RestoreProgress(int? gateAt)
    {
        private int _reports;

        public void Report(long value)
        {
            Console.Out.WriteLine("progress " + value.ToString(CultureInfo.InvariantCulture));
            Console.Out.Flush();
            if (++_reports == gateAt)
            {
                Gate.Wait("progress " + _reports.ToString(CultureInfo.InvariantCulture));
            }
        }
    }
}
