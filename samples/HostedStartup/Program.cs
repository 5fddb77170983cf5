using HostedStartup;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MigrationKit;
using MigrationKit.Hosting;

// dotnet run --project samples/HostedStartup                   migrate at startup, report readiness, stop (for CI)
// dotnet run --project samples/HostedStartup -- --serve        ... and keep running until Ctrl+C
// dotnet run --project samples/HostedStartup -- --migrate-only the Kubernetes Job / init container shape: migrate, exit 0 or 1
var serve = args.Contains("--serve");
var migrateOnly = args.Contains("--migrate-only");

// A fresh database each run, so the output is the same every time.
const string DatabaseFile = "hosted.db";
foreach (var file in new[] { DatabaseFile, DatabaseFile + "-wal", DatabaseFile + "-shm" })
{
    File.Delete(file);
}

var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning).AddFilter("MigrationKit.Hosting", LogLevel.Information);

builder.Services.AddMigrationKit(kit => kit
    .UseSqlite($"Data Source={DatabaseFile}")
    .AddMigrationsFrom(typeof(Program).Assembly)
    .MigrateOnStartup(migrateOnly ? MigrationStartupMode.RunAndExit : MigrationStartupMode.Migrate));

// Readiness, not liveness: a replica waiting for a migration must not be restarted by its orchestrator.
builder.Services.AddHealthChecks().AddMigrationKitHealthCheck(tags: ["ready"]);

if (!migrateOnly)
{
    builder.Services.AddHostedService(services => new ReadinessReporter(
        services.GetRequiredService<HealthCheckService>(), services.GetRequiredService<IHostApplicationLifetime>(), serve));
}

await builder.Build().RunAsync();
Console.WriteLine($"exit code {Environment.ExitCode}");
