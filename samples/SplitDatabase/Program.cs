using Microsoft.Data.Sqlite;
using MigrationKit;
using MigrationKit.Checkpoints;
using MigrationKit.Data.Conversion;
using MigrationKit.Data.Databases;
using MigrationKit.Data.Endpoints;
using MigrationKit.Data.Moves;
using MigrationKit.Data.PostgreSql;
using MigrationKit.Data.Sqlite;

// Scenario 4: one SQLite file holds both structure (setting groups, settings) and instance data (strategies and their
// runs). Two databases get their own migrations; each table's rows move to the right one in foreign-key order (the
// strategies' integer keys become UUIDs, and the runs follow them through the id map); both are validated; the
// original stays as a checkpoint.
//
//   dotnet run --project samples/SplitDatabase                        # instance data into instance.db (SQLite)
//   dotnet run --project samples/SplitDatabase -- "Host=…;Database=…"  # instance data into PostgreSQL
const string Folder = "split-output";
var postgres = args.Length > 0 ? args[0] : null;
if (Directory.Exists(Folder))
{
    Directory.Delete(Folder, recursive: true);
}

Directory.CreateDirectory(Folder);
var mixedFile = Path.Combine(Folder, "mixed.db");
await CreateMixedDatabaseAsync(mixedFile);

// 1. Keep the original as a checkpoint (a real backup through the SQLite provider's rollback manager).
await using (var original = new MigrationRunnerBuilder()
    .UseSqlite($"Data Source={mixedFile}")
    .AddMigrationsFrom(typeof(Program).Assembly, "SplitDatabase.Migrations.Mixed")
    .Configure(o => o.Checkpoints.Directory = Path.Combine(Folder, "checkpoints-mixed"))
    .Build())
{
    var kept = await original.RollbackManager.CreateCheckpointAsync(CheckpointKind.Milestone, description: "the mixed database before the split");
    Console.WriteLine($"Checkpoint of the original: {kept.Id} ({kept.SizeBytes:N0} bytes, sha256 {kept.Sha256[..12]}…)");
}

// 2. Two databases, each created by its own migrations.
var structureConnection = $"Data Source={Path.Combine(Folder, "structure.db")}";
var instanceConnection = postgres ?? $"Data Source={Path.Combine(Folder, "instance.db")}";
await using var structureRunner = new MigrationRunnerBuilder()
    .UseSqlite(structureConnection)
    .AddMigrationsFrom(typeof(Program).Assembly, "SplitDatabase.Migrations.Structure")
    .Build();
await using var instanceRunner = (postgres is null ? new MigrationRunnerBuilder().UseSqlite(instanceConnection) : new MigrationRunnerBuilder().UsePostgreSql(postgres))
    .AddMigrationsFrom(typeof(Program).Assembly, "SplitDatabase.Migrations.Instance")
    .Configure(o => o.Checkpoints.Directory = Path.Combine(Folder, "checkpoints-instance"))
    .Build();
await structureRunner.MigrateUpAsync();
await instanceRunner.MigrateUpAsync();
Console.WriteLine($"Migrated structure to v{(await structureRunner.GetStatusAsync()).CurrentVersion} and instance to v{(await instanceRunner.GetStatusAsync()).CurrentVersion}");

// 3. Each table's rows to the right database, in foreign-key order.
var mixed = new SqliteDataEndpoint($"Data Source={mixedFile}");
var structure = new SqliteDataEndpoint(structureConnection);
IDataEndpoint instance = postgres is null ? new SqliteDataEndpoint(instanceConnection) : new PostgreSqlDataEndpoint(postgres);
var toStructure = DatabaseMove.Named("split-structure")
    .From(mixed)
    .To(structure)
    .Tables("settings", "setting_groups")
    .Build();
var toInstance = DatabaseMove.Named("split-instance")
    .From(mixed)
    .To(instance)
    .Tables("strategies", "strategy_runs")
    .Table("strategies", t => t.Map("id", to: "id", DataConvert.ToNewGuid()))          // strategy_runs.strategy_id follows through the id map
    .Table("strategy_runs", t => t.Map("started", to: "started_at", DataConvert.UnixSecondsToTimestamp()))
    .CheckpointFirst(instanceRunner.RollbackManager)                                   // the empty instance database, before the first row
    .Build();

var mover = new DataMover();
foreach (var move in new[] { toStructure, toInstance })
{
    var result = await mover.RunAsync(move);
    Console.WriteLine($"{result.MoveName} → {move.Target.DisplayName}{(result.Checkpoint is { } c ? $" (checkpoint {c.Id} first)" : string.Empty)}");
    foreach (var table in result.Tables)
    {
        Console.WriteLine($"  {table.MoveName,-30} {table.Status,-9} {table.RowsWritten,5} rows in {table.Batches} batch(es)");
    }

    foreach (var generator in result.KeyGenerators)
    {
        Console.WriteLine($"  key generator {generator.Table}.{generator.Column} ({generator.Generator}): highest key {generator.HighestKey}, next {generator.NextValue}");
    }

    foreach (var check in result.ForeignKeys)
    {
        Console.WriteLine($"  foreign key {check.ForeignKey.Table}({string.Join(", ", check.ForeignKey.Columns)}) → {check.ForeignKey.ReferencedTable}: {check.Orphans} orphan(s)");
    }

    // 4. Counts and contents: every source row has exactly one equal target row; no orphan.
    var report = await mover.ValidateAsync(move);
    foreach (var table in report.Tables)
    {
        Console.WriteLine($"  validated {table.MoveName,-30} {table.SourceRows,5} source rows, {table.TargetRows,5} target rows, {table.Ranges} key range(s): {(table.IsValid ? "equal" : "DIFFERENT")}");
    }

    if (!report.IsValid)
    {
        Console.WriteLine("  DIFFERENCES: " + string.Join("; ", report.Tables.SelectMany(t => t.Differences)));
        return 1;
    }
}

foreach (var (name, runner) in new[] { ("structure", structureRunner), ("instance", instanceRunner) })
{
    var schema = await runner.ReadSchemaAsync();
    var tables = schema.Tables.Select(t => t.Name.Name).Where(t => !t.StartsWith("__", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
    Console.WriteLine($"The {name} database holds {string.Join(", ", tables)} (and the moves' control tables)");
}
return 0;

// The original application's database: its own migration, then its rows.
static async Task CreateMixedDatabaseAsync(string file)
{
    await using (var runner = new MigrationRunnerBuilder().UseSqlite($"Data Source={file}").AddMigrationsFrom(typeof(Program).Assembly, "SplitDatabase.Migrations.Mixed").Build())
    {
        await runner.MigrateUpAsync();
    }

    await using var connection = new SqliteConnection($"Data Source={file}");
    await connection.OpenAsync();
    await using var command = connection.CreateCommand();
    command.CommandText = """
        INSERT INTO setting_groups (name) VALUES ('display'), ('risk'), ('network');
        WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < 36)
        INSERT INTO settings SELECT CASE g % 3 WHEN 0 THEN 'global' WHEN 1 THEN 'ui' ELSE 'risk' END, 'setting ' || g, 1 + g % 3, CASE WHEN g % 4 = 0 THEN NULL ELSE 'value ' || g END FROM s;
        WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < 40)
        INSERT INTO strategies SELECT g, 'strategy ' || g, '{"risk": ' || (g % 5) || ', "symbols": ["S' || g || '"]}', CASE WHEN g % 3 = 0 THEN 0 ELSE 1 END FROM s;
        WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < 2500)
        INSERT INTO strategy_runs (strategy_id, started, profit) SELECT 1 + g % 40, 1767225600 + g * 3600, printf('%.2f', (g % 17) * 3.25 - 20) FROM s;
        """;
    await command.ExecuteNonQueryAsync();
    Console.WriteLine($"Created {file} with its migration: 3 setting groups, 36 settings, 40 strategies, 2,500 strategy runs");
}
