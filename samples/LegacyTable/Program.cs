using System.Globalization;
using Microsoft.Data.Sqlite;
using MigrationKit;
using MigrationKit.Data.Conversion;
using MigrationKit.Data.Endpoints;
using MigrationKit.Data.Moves;
using MigrationKit.Data.PostgreSql;
using MigrationKit.Data.Sqlite;

// Scenario 5: a large legacy SQLite table poured into a new shape (integer keys becoming UUIDs, a status stored as
// text becoming a lookup, Unix milliseconds becoming timestamps), in batches of 1,000 with an id map, progress and a
// check at the end. Press Ctrl+C half way and run it again: it resumes after the last committed batch.
//
//   dotnet run --project samples/LegacyTable                      # into legacy-target.db (SQLite)
//   dotnet run --project samples/LegacyTable -- "Host=…;Database=…"  # into PostgreSQL
const string SourceFile = "legacy.db";
const int LegacyOrders = 200_000;
var postgres = args.Length > 0 ? args[0] : null;

await CreateLegacyDatabaseAsync();

// The target's schema comes from MigrationKit migrations; the moves only fill it.
var runner = (postgres is null ? new MigrationRunnerBuilder().UseSqlite("Data Source=legacy-target.db") : new MigrationRunnerBuilder().UsePostgreSql(postgres))
    .AddMigrationsFrom(typeof(Program).Assembly)
    .Build();
await using (runner)
{
    await runner.MigrateUpAsync();
}

var source = new SqliteDataEndpoint($"Data Source={SourceFile}");
IDataEndpoint target = postgres is null ? new SqliteDataEndpoint("Data Source=legacy-target.db") : new PostgreSqlDataEndpoint(postgres);

var customers = DataMove.Named("legacy-customers")
    .From(source, "legacy_customers", "id")
    .To(target, "customers")
    .Map("id", to: "id", DataConvert.ToNewGuid())
    .Map("name", to: "name")
    .Build();
var orders = DataMove.Named("legacy-orders")
    .From(source, "legacy_orders", "id")
    .Where("deleted = 0")
    .To(target, "orders")
    .Map("id", to: "id", DataConvert.ToNewGuid())
    .Map("customer_id", to: "customer_id", DataConvert.ViaIdMap("legacy-customers"))
    .Map("status", to: "status_id", DataConvert.Lookup("order_status", "name", "id"))
    .Map("created", to: "created_at", DataConvert.UnixMillisecondsToTimestamp())
    .Map("amount", to: "amount")
    .Map("paid", to: "paid")
    .Map("note", to: "note")
    .BatchSize(1_000)
    .Build();

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    Console.WriteLine("\nCtrl+C: finishing the current batch; run again to resume.");
    cancellation.Cancel();
};

var mover = new DataMover();
var progress = new Progress<DataMoveProgress>(p =>
{
    if (p.Phase != DataMovePhase.Moving || p.RowsDone % 20_000 == 0)
    {
        Console.WriteLine($"  {p.MoveName,-17} {p.Phase,-9} {p.RowsDone,8:N0} / {p.RowsTotal:N0} rows  {p.RowsPerSecond,9:N0} rows/s  ETA {p.EstimatedRemaining?.ToString(@"mm\:ss", CultureInfo.InvariantCulture) ?? "-"}");
    }
});

foreach (var move in new[] { customers, orders })
{
    var result = await mover.RunAsync(move, progress, cancellation.Token);
    Console.WriteLine($"{move.Name}: {result.Status}, run {result.RunId}, resumed after batch {result.ResumedFromBatch}, {result.RowsWritten:N0} rows in {result.Batches:N0} batches, {result.Elapsed.TotalSeconds:F1} s");
}

var report = await mover.ValidateAsync(orders);
Console.WriteLine($"Validation of {report.MoveName}: {report.SourceRows:N0} source rows, {report.IdMapRows:N0} in the id map, {report.TargetRows:N0} target rows, {report.Ranges:N0} key ranges compared: {(report.IsValid ? "every source row has exactly one equal target row" : "DIFFERENCES")}");
foreach (var difference in report.Differences)
{
    Console.WriteLine($"  {difference.Kind}: {difference.SourceKey} → {difference.TargetKey}");
}

return report.IsValid ? 0 : 1;

static async Task CreateLegacyDatabaseAsync()
{
    if (File.Exists(SourceFile))
    {
        return;
    }

    await using var connection = new SqliteConnection($"Data Source={SourceFile}");
    await connection.OpenAsync();
    await using var command = connection.CreateCommand();
    command.CommandText = $"""
        CREATE TABLE legacy_customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
        CREATE TABLE legacy_orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL, status TEXT NOT NULL, created INTEGER NOT NULL,
                                    amount TEXT NOT NULL, paid INTEGER NOT NULL, note TEXT, deleted INTEGER NOT NULL);
        WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < 1000)
        INSERT INTO legacy_customers SELECT g, 'customer ' || g FROM s;
        WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < {LegacyOrders})
        INSERT INTO legacy_orders
        SELECT g, 1 + g % 1000, CASE g % 3 WHEN 0 THEN 'new' WHEN 1 THEN 'paid' ELSE 'shipped' END, 1700000000000 + g * 1001,
               printf('%.2f', g * 0.25), g % 2, CASE WHEN g % 5 = 0 THEN NULL ELSE 'note ' || g END, CASE WHEN g % 50 = 0 THEN 1 ELSE 0 END
        FROM s;
        """;
    await command.ExecuteNonQueryAsync();
    Console.WriteLine($"Created {SourceFile} with {LegacyOrders:N0} legacy orders.");
}
