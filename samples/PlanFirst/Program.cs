using MigrationKit;
using MigrationKit.Checkpoints;
using MigrationKit.Risk;

// Plan before acting (scenario 7): a database with real volume, a risky pending change, the plan printed, a run
// refused without approval, then the plan approved step by step with a checkpoint taken by policy first.
const string DatabaseFile = "planfirst.db";
var checkpointDirectory = Path.Combine(Path.GetTempPath(), "migrationkit-planfirst-checkpoints");
foreach (var file in new[] { DatabaseFile, DatabaseFile + "-wal", DatabaseFile + "-shm" })
{
    File.Delete(file);
}

if (Directory.Exists(checkpointDirectory))
{
    Directory.Delete(checkpointDirectory, recursive: true);
}

await using var runner = new MigrationRunnerBuilder()
    .UseSqlite($"Data Source={DatabaseFile}")
    .AddMigrationsFrom(typeof(Program).Assembly)
    .Configure(o =>
    {
        o.Checkpoints.Directory = checkpointDirectory;
        o.Checkpoints.Policy = CheckpointPolicy.BeforeHighRisk;   // a checkpoint before any plan rated High or worse
        o.Risk.RequireApprovalAbove = RiskLevel.Medium;           // anything above Medium needs an explicit approval
    })
    .Build();

Console.WriteLine("== Create and load 300,000 readings");
var loaded = await runner.MigrateUpAsync(2);
Console.WriteLine($"  version {loaded.FromVersion} -> {loaded.ToVersion}");

Console.WriteLine("\n== A plain MigrateUpAsync is refused: the plan is above Medium and nobody approved it");
try
{
    await runner.MigrateUpAsync();
}
catch (RiskApprovalRequiredException refused)
{
    Console.WriteLine("  " + refused.Message.Replace("\n", "\n  ", StringComparison.Ordinal));
}

Console.WriteLine("\n== The plan, graded on this database");
var plan = await runner.PlanAsync();
Console.WriteLine(plan.ToMarkdown());

Console.WriteLine("== The touched tables (Mermaid)");
Console.WriteLine(plan.ToMermaid());

Console.WriteLine("== Run it step by step, approving each step");
var result = await runner.ExecutePlanAsync(plan, (step, _) =>
{
    // An operator would be asked here; the sample approves every step and says what it approved.
    Console.WriteLine($"  approve {step.Version} '{step.Description}' rated {step.Level}, estimated {step.Estimate}? yes");
    return ValueTask.FromResult(true);
});
foreach (var step in result.Steps)
{
    Console.WriteLine($"  {step.Direction,-4} {step.Version}  {step.Description} ({step.Duration.TotalMilliseconds:F0} ms)");
}

Console.WriteLine($"  version {result.FromVersion} -> {result.ToVersion}");

Console.WriteLine("\n== Checkpoints taken by policy");
foreach (var checkpoint in await runner.RollbackManager.ListCheckpointsAsync())
{
    Console.WriteLine($"  {checkpoint.Id} at version {checkpoint.Version}, {checkpoint.SizeBytes / 1024} kB: {checkpoint.Description}");
}
