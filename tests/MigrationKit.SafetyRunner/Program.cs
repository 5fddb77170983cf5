using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using MigrationKit.SafetyRunner.Protocol;

namespace MigrationKit.SafetyRunner;

/// <summary>
/// Prints <c>ready</c>, then for each <see cref="RunCommand"/> line on stdin migrates the database up and prints the
/// runner's log lines (<c>log &lt;event&gt; &lt;message&gt;</c>) and one <c>result &lt;json&gt;</c> line. Ends at end of input.
/// </summary>
internal static class Program
{
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

            var command = JsonSerializer.Deserialize<RunCommand>(line) ?? throw new InvalidOperationException("Empty command.");
            var outcome = await RunAsync(command);
            await Console.Out.WriteLineAsync("result " + JsonSerializer.Serialize(outcome));
            await Console.Out.FlushAsync();
        }

        return 0;
    }

    private static async Task<RunOutcome> RunAsync(RunCommand command)
    {
        var started = Stopwatch.GetTimestamp();
        using var loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(new StdoutLoggerProvider()));
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
}
