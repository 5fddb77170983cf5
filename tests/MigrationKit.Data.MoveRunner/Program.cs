using System.Globalization;
using MigrationKit.Data.Endpoints;
using MigrationKit.Data.MoveRunner;
using MigrationKit.Data.Moves;
using MigrationKit.Data.PostgreSql;
using MigrationKit.Data.Sqlite;

// Arguments: <source engine> <source connection string> <target engine> <target connection string> <batch size> <gate batch> <writing|committed>
if (args.Length != 7)
{
    Console.Error.WriteLine("usage: <sqlite|postgresql> <source cs> <sqlite|postgresql> <target cs> <batch size> <gate batch> <writing|committed>");
    return 2;
}

static IDataEndpoint Endpoint(string engine, string connectionString) => engine switch
{
    "sqlite" => new SqliteDataEndpoint(connectionString),
    "postgresql" => new PostgreSqlDataEndpoint(connectionString),
    _ => throw new ArgumentException("Unknown engine " + engine),
};

var source = Endpoint(args[0], args[1]);
var target = Endpoint(args[2], args[3]);
var move = TrialMove.Build(source, target, int.Parse(args[4], CultureInfo.InvariantCulture));
var mover = new DataMover(new DataMoveOptions { Observer = new GateObserver(long.Parse(args[5], CultureInfo.InvariantCulture), args[6]) });
var result = await mover.RunAsync(move);
Console.Out.WriteLine($"done {result.Batches}");
return 0;
