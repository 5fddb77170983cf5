using MigrationKit.Data.Moves;

namespace MigrationKit.Data.MoveRunner;

/// <summary>
/// On the chosen batch (of the chosen move, when one is named) and moment, prints <c>gate &lt;batch&gt; &lt;moment&gt;</c>
/// and blocks on stdin, which the test never writes: it kills the process there.
/// </summary>
internal sealed class GateObserver(long batch, string moment, string? moveName = null) : DataMoveObserver
{
    public override ValueTask OnBatchWritingAsync(DataMoveBatch batchInfo, CancellationToken cancellationToken) => Gate(batchInfo, "writing");

    public override ValueTask OnBatchCommittedAsync(DataMoveBatch batchInfo, CancellationToken cancellationToken) => Gate(batchInfo, "committed");

    private ValueTask Gate(DataMoveBatch batchInfo, string now)
    {
        if (batchInfo.Number == batch && now == moment && (moveName is null || batchInfo.MoveName == moveName))
        {
            Console.Out.WriteLine($"gate {batchInfo.Number} {now}");
            Console.Out.Flush();
            Console.In.ReadLine();
        }

        return ValueTask.CompletedTask;
    }
}
