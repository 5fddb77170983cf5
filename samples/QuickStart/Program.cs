using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MigrationKit;

// A fresh database each run, so the output is the same every time.
const string DatabaseFile = "quickstart.db";
foreach (var file in new[] { DatabaseFile, DatabaseFile + "-wal", DatabaseFile + "-shm" })
{
    File.Delete(file);
}

var services = new ServiceCollection()
    .AddLogging(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
services.AddMigrationKit(kit => kit
    .UseSqlite($"Data Source={DatabaseFile}")
    .AddMigrationsFrom(typeof(Program).Assembly));

await using var provider = services.BuildServiceProvider();
var runner = provider.GetRequiredService<IMigrationRunner>();

Console.WriteLine($"== Migrate {DatabaseFile} up to the second migration");
Print(await runner.MigrateUpAsync(2026_11_22_0930));

Console.WriteLine("\n== Status");
foreach (var m in (await runner.GetStatusAsync()).Migrations)
{
    Console.WriteLine($"  {m.Version}  {m.State,-8} {m.Description,-32} {(m.AppliedAt is { } at ? at.ToString("u", CultureInfo.InvariantCulture) : "")}");
}

Console.WriteLine("\n== History");
foreach (var h in await runner.GetHistoryAsync())
{
    Console.WriteLine($"  {h.Version}  {h.Description,-32} {h.Duration.TotalMilliseconds,6:F0} ms  by {h.AppliedBy}  {h.Checksum[..15]}…");
}

Console.WriteLine("\n== Dry run of the pending changes (nothing is executed)");
Console.WriteLine((await runner.ScriptAsync()).ToSql());

Console.WriteLine("== Plan of the pending changes, graded on this database (nothing is executed)");
var plan = await runner.PlanAsync();
Console.WriteLine(plan.ToMarkdown());

Console.WriteLine("== Apply it");
Print(await runner.MigrateUpAsync());

Console.WriteLine("\n== Roll back one step");
Print(await runner.RollbackAsync());

Console.WriteLine("\n== And up again");
Print(await runner.MigrateUpAsync());

static void Print(MigrationResult result)
{
    if (result.NothingToDo)
    {
        Console.WriteLine($"  nothing to do: at version {result.ToVersion}");
    }

    foreach (var step in result.Steps)
    {
        Console.WriteLine($"  {step.Direction,-4} {step.Version}  {step.Description} ({step.Duration.TotalMilliseconds:F0} ms)");
    }

    Console.WriteLine($"  version {result.FromVersion} -> {result.ToVersion}");
}
