using System.Diagnostics;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using MigrationKit.Benchmarks.Support;
using MigrationKit.Data.Conversion;
using MigrationKit.Data.Moves;
using MigrationKit.Data.PostgreSql;
using MigrationKit.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace MigrationKit.Benchmarks.DataMove;

/// <summary>
/// A measured console mode beside the BenchmarkDotNet classes (<c>-- datamove-measure &lt;case&gt; &lt;rows&gt;</c>): one
/// process, one call, a stopwatch, and the process's peak working set and the GC's peak heap, for what BenchmarkDotNet
/// does not report (peak memory at 10,000,000 rows against 1,000,000) or takes too long for it. The SQLite source is
/// generated once per row count into the temp folder and reused by later runs.
/// </summary>
internal static class DataMoveMeasure
{
    /// <summary>Runs one case and prints one line of figures.</summary>
    /// <param name="args">The case (<c>move</c>, <c>handwritten</c>, <c>validate</c>, <c>move-pg</c>) and the row count.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(string[] args)
    {
        var kind = args.Length > 1 ? args[1] : "move";
        var rows = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1_000_000;
        var sqlite = await DataMoveSource.SqliteAsync(rows);
        using var database = new PostgreSqlDatabase();
        using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await using (var target = await dataSource.OpenConnectionAsync())
        {
            await target.ExecuteAsync(DataMoveSource.TargetTableSql);
        }

        using var sourceDatabase = kind.EndsWith("-pg", StringComparison.Ordinal) ? new PostgreSqlDatabase() : null;
        using var sourceDataSource = sourceDatabase is null ? null : NpgsqlDataSource.Create(sourceDatabase.ConnectionString);
        if (sourceDataSource is not null)
        {
            await DataMoveSource.CopyToPostgreSqlAsync(sqlite, sourceDataSource);
        }

        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
        var stopwatch = Stopwatch.StartNew();
        long written = kind switch
        {
            "handwritten" => await DataMoveSource.HandWrittenAsync(sqlite, dataSource),
            "move" => (await new DataMover().RunAsync(DataMoveSource.SqliteMove(sqlite, dataSource))).RowsWritten,
            "move+validate" => await MoveAndValidateAsync(DataMoveSource.SqliteMove(sqlite, dataSource), stopwatch),
            "dapper" => await DataMoveSource.DapperRowByRowAsync(new SqliteConnection(sqlite), rows, dataSource),
            "handwritten-pg" => await DataMoveSource.HandWrittenFromPostgreSqlAsync(sourceDataSource!, dataSource),
            "move-pg" => (await new DataMover().RunAsync(DataMoveSource.Move(new PostgreSqlDataEndpoint(sourceDataSource!), dataSource))).RowsWritten,
            "move+validate-pg" => await MoveAndValidateAsync(DataMoveSource.Move(new PostgreSqlDataEndpoint(sourceDataSource!), dataSource), stopwatch),
            "dapper-pg" => await DataMoveSource.DapperRowByRowAsync(sourceDataSource!.CreateConnection(), rows, dataSource),
            _ => throw new ArgumentException("Unknown case " + kind, nameof(args)),
        };
        stopwatch.Stop();
        var serverSeconds = await ServerCpuSecondsAsync(dataSource);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var gc = GC.GetGCMemoryInfo(GCKind.Any);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{kind} rows={written} seconds={stopwatch.Elapsed.TotalSeconds:F2} rows/s={written / stopwatch.Elapsed.TotalSeconds:F0} clientCpuS={process.TotalProcessorTime.TotalSeconds:F2} serverCpuS={serverSeconds:F2} peakWorkingSetMB={process.PeakWorkingSet64 / 1048576.0:F1} gcHeapAfterMB={GC.GetTotalMemory(false) / 1048576.0:F1} gcPromotedMB={gc.PromotedBytes / 1048576.0:F1} gcCommittedMB={gc.TotalCommittedBytes / 1048576.0:F1} heapBeforeMB={memoryBefore / 1048576.0:F1} gen2={GC.CollectionCount(2)} allocatedMB={GC.GetTotalAllocatedBytes() / 1048576.0:F0}"));
        return 0;
    }

    /// <summary>
    /// The CPU time the server's processes of this database spent (user + system, from /proc), which depends less on the
    /// load of a shared machine than the elapsed time; NaN where /proc cannot tell.
    /// </summary>
    private static async Task<double> ServerCpuSecondsAsync(NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var pids = await connection.QueryAsync<int>("SELECT pid FROM pg_stat_activity WHERE datname = current_database()");
        var ticks = 0L;
        foreach (var pid in pids)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"/proc/{pid}/stat");
            if (!File.Exists(path))
            {
                return double.NaN;
            }

            var fields = (await File.ReadAllTextAsync(path)).Split(") ")[1].Split(' ');
            ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }

        return ticks / 100.0;
    }

    private static async Task<long> MoveAndValidateAsync(MigrationKit.Data.Moves.DataMove move, Stopwatch stopwatch)
    {
        var mover = new DataMover();
        var result = await mover.RunAsync(move);
        var moved = stopwatch.Elapsed;
        stopwatch.Restart();
        var report = await mover.ValidateAsync(move);
        Check.That(report.IsValid, "validation found differences");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"move seconds={moved.TotalSeconds:F2} rows/s={result.RowsWritten / moved.TotalSeconds:F0}; validation below"));
        return report.SourceRows;
    }
}
