using System.Globalization;
using MigrationKit.Data.Endpoints;
using MigrationKit.Data.MoveRunner;
using MigrationKit.Data.Moves;
using MigrationKit.Data.PostgreSql;
using MigrationKit.Data.Sqlite;

// Arguments: [database <gate move> | scenario5] <source engine> <source connection string> <target engine> <target connection string> <batch size> <gate batch> <writing|committed>
// Without a mode, the single-table trial move; with 'database', the whole-database trial move, gated on one table's
// move (or on the deferred column's fill-in, named by its marker: shop.employees.deferred.manager_id); with 'scenario5', scenario 5's customers then orders moves (batch size ignored: theirs), gated on the orders.
var database = args.Length == 9 && args[0] == "database";
var scenarioFive = args.Length == 8 && args[0] == "scenario5";
var rest = database ? args[2..] : scenarioFive ? args[1..] : args;
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
var mover = new DataMover(new DataMoveOptions { Observer = new GateObserver(long.Parse(rest[5], CultureInfo.InvariantCulture), rest[6], database ? args[1] : scenarioFive ? ScenarioFiveMoves.Orders : null) });
if (scenarioFive)
{
    await mover.RunAsync(ScenarioFiveMoves.CustomersMove(source, target));
    var orders = await mover.RunAsync(ScenarioFiveMoves.OrdersMove(source, target));
    Console.Out.WriteLine($"done {orders.Batches}");
    return 0;
}

if (database)
{
    var copied = await mover.RunAsync(TrialDatabaseMove.Build(source, target, batchSize));
    Console.Out.WriteLine($"done {copied.Tables.Sum(t => t.Batches)}");
    return 0;
}

var result = await mover.RunAsync(TrialMove.Build(source, target, batchSize));
Console.Out.WriteLine($"done {result.Batches}");
return 0;
