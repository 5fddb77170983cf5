using System.Globalization;
using MigrationKit.Data.Endpoints;
using MigrationKit.Data.MoveRunner;
using MigrationKit.Data.Moves;
using MigrationKit.Data.PostgreSql;
using MigrationKit.Data.Sqlite;

// Arguments: [database <gate move>] <source engine> <source connection string> <target engine> <target connection string> <batch size> <gate batch> <writing|committed>
// Without 'database', the single-table trial move; with it, the whole-database trial move, gated on one table's move.
var database = args.Length == 9 && args[0] == "database";
var rest = database ? args[2..] : args;
if (rest.Length != 7)
{
    Console.Error.WriteLine("usage: [database <gate move>] <sqlite|postgresql> <source cs> <sqlite|postgresql> <target cs> <batch size> <gate batch> <writing|committed>");
    return 2;
}

static IDataEndpoint Endpoint(string engine, string connectionString) => engine switch
{
    "sqlite" => new SqliteDataEndpoint(connectionString),
    "postgresql" => new PostgreSqlDataEndpoint(connectionString),
    _ => throw new ArgumentException("Unknown engine " + engine),
};

var source = Endpoint(rest[0], rest[1]);
var target = Endpoint(rest[2], rest[3]);
var batchSize = int.Parse(rest[4], CultureInfo.InvariantCulture);
var mover = new DataMover(new DataMoveOptions { Observer = new GateObserver(long.Parse(rest[5], CultureInfo.InvariantCulture), rest[6], database ? args[1] : null) });
if (database)
{
    var copied = await mover.RunAsync(TrialDatabaseMove.Build(source, target, batchSize));
    Console.Out.WriteLine($"done {copied.Tables.Sum(t => t.Batches)}");
    return 0;
}

var result = await mover.RunAsync(TrialMove.Build(source, target, batchSize));
Console.Out.WriteLine($"done {result.Batches}");
return 0;
