using System.Globalization;
using EmergencyRecovery;
using Microsoft.Data.Sqlite;
using MigrationKit;
using MigrationKit.Checkpoints;

// Scenario 6, emergency recovery: a migration fails after a non-transactional step. The runner stops, reports what
// ran and what did not, names the checkpoint it took before the run, restores it on request, verifies the database,
// and reports the cause. A fresh database each run, so the output is the same every time.
const string DatabaseFile = "emergency.db";
const string CheckpointFolder = "emergency-checkpoints";
foreach (var file in new[] { DatabaseFile, DatabaseFile + "-wal", DatabaseFile + "-shm" })
{
    File.Delete(file);
}

if (Directory.Exists(CheckpointFolder))
{
    Directory.Delete(CheckpointFolder, recursive: true);
}

var connectionString = $"Data Source={DatabaseFile}";
await using var runner = new MigrationRunnerBuilder()
    .UseSqlite(connectionString)
    .AddMigrationsFrom(typeof(Program).Assembly)
    .Configure(options =>
    {
        options.Checkpoints.Directory = CheckpointFolder;
        options.Checkpoints.Policy = CheckpointPolicy.BeforeRiskyMigrations;
        options.Observers.Add(new ConsoleObserver());
    })
    .Build();

Console.WriteLine("== Version 1, with three accounts");
await runner.MigrateUpAsync(2026_11_22_0900);
Execute("INSERT INTO accounts (id, owner, balance) VALUES (1, 'Ada', 100), (2, 'Brian', 250), (3, 'Chloé', 75)");
var balancesBefore = Scalar("SELECT SUM(balance) FROM accounts");
var tablesBefore = (await runner.ReadSchemaAsync()).Tables.Select(t => t.Name.Name).Order().ToArray();
Console.WriteLine($"  tables: {string.Join(", ", tablesBefore)}; total balance {balancesBefore}");

Console.WriteLine("\n== Migrate to the latest (one pending migration runs without a transaction: the runner takes a checkpoint first)");
MigrationFailedException failure;
try
{
    await runner.MigrateUpAsync();
    Console.WriteLine("  unexpected: the run succeeded");
    return 1;
}
catch (MigrationFailedException e)
{
    failure = e;
}

Console.WriteLine($"  the runner stopped at migration {failure.Version} '{failure.Description}' (transactional: {failure.Transactional})");
Console.WriteLine($"  applied in this run before the failure: {Versions(failure.AppliedInRun)}");
Console.WriteLine($"  not run: {Versions(failure.NotRun)}");
Console.WriteLine($"  last safe checkpoint: {failure.Checkpoint}");
Console.WriteLine($"  total balance now {Scalar("SELECT SUM(balance) FROM accounts")} (the balances were reset before the failing statement)");
foreach (var m in (await runner.GetStatusAsync()).Migrations)
{
    Console.WriteLine($"  {m.Version}  {m.State,-10} {m.Description}");
}

if (failure.Checkpoint is null)
{
    Console.WriteLine("  no checkpoint was taken: cannot recover");
    return 1;
}

Console.WriteLine("\n== Restore the checkpoint (verified first: size, SHA-256, SQLite integrity check)");
var restore = await runner.RollbackManager.RestoreCheckpointAsync(failure.Checkpoint.Id);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  restored in {restore.Duration.TotalMilliseconds:F0} ms: version {restore.Version}, {restore.TableCount} table(s), {restore.JournalEntriesKept} journal entries kept from after the checkpoint"));

Console.WriteLine("\n== Verify the database");
var tablesAfter = (await runner.ReadSchemaAsync()).Tables.Select(t => t.Name.Name).Order().ToArray();
var balancesAfter = Scalar("SELECT SUM(balance) FROM accounts");
var status = await runner.GetStatusAsync();
var verified = tablesAfter.SequenceEqual(tablesBefore)
    && balancesAfter == balancesBefore
    && status.Migrations.Single(m => m.Version == failure.Version).State == MigrationState.Pending
    && status.Applied.Select(m => m.Version).SequenceEqual([2026_11_22_0900L]);
Console.WriteLine($"  tables: {string.Join(", ", tablesAfter)}; total balance {balancesAfter}");
foreach (var m in status.Migrations)
{
    Console.WriteLine($"  {m.Version}  {m.State,-10} {m.Description}");
}

Console.WriteLine($"  {(verified ? "verified: schema, data and history are as they were before the run" : "VERIFICATION FAILED")}");

Console.WriteLine("\n== The journal keeps everything, the failure included");
foreach (var entry in await runner.GetJournalAsync())
{
    Console.WriteLine($"  {entry.Id,3}  {entry.Action,-10} {entry.Version?.ToString(CultureInfo.InvariantCulture) ?? "-",-12} {entry.Status,-10} {entry.Error}");
}

Console.WriteLine("\n== Cause");
Console.WriteLine($"  {failure.InnerException?.Message}");
Console.WriteLine($"  at statement: {failure.Statement}");
Console.WriteLine("  Fix the migration, then run again.");
return verified ? 0 : 1;

static string Versions(IReadOnlyList<long> versions) =>
    versions.Count == 0 ? "none" : string.Join(", ", versions.Select(v => v.ToString(CultureInfo.InvariantCulture)));

long Scalar(string sql)
{
    using var connection = new SqliteConnection(connectionString);
    connection.Open();
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
}

void Execute(string sql)
{
    using var connection = new SqliteConnection(connectionString);
    connection.Open();
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    command.ExecuteNonQuery();
}
