using System.Text;
using MigrationKit.Data.Conversion;
using MigrationKit.Data.Moves;

namespace MigrationKit.Data.Execution;

/// <summary>
/// A batch of source rows converted before the writer takes it: each row's target values (or the conversion failure,
/// which the writer turns into an error or a reject exactly as if it had converted the row itself), and the id-map keys
/// and row hash of each converted row. Nothing here touches the target, so a batch can be prepared while the one
/// before it is written.
/// </summary>
internal sealed class PreparedBatch
{
    private PreparedBatch(List<object?[]> sources)
    {
        Sources = sources;
        Rows = new object?[]?[sources.Count];
        Failures = new DataMoveRowException?[sources.Count];
        SourceKeys = new string?[sources.Count];
        TargetKeys = new string?[sources.Count];
        Hashes = new long[sources.Count];
    }

    /// <summary>The source rows, in key order.</summary>
    public List<object?[]> Sources { get; }

    /// <summary>Each source row's target values; null where the row failed to convert.</summary>
    public object?[]?[] Rows { get; }

    /// <summary>Each row's conversion failure, or null.</summary>
    public DataMoveRowException?[] Failures { get; }

    /// <summary>Each converted row's source key as the id map stores it; null where not computed (the writer computes it then).</summary>
    public string?[] SourceKeys { get; }

    /// <summary>Each converted row's target key as the id map stores it; null where not computed.</summary>
    public string?[] TargetKeys { get; }

    /// <summary>Each converted row's hash (<see cref="RowHash"/>), valid where <see cref="SourceKeys"/> is set.</summary>
    public long[] Hashes { get; }

    /// <summary>Converts a batch whose look-ups the transformer already holds (see <see cref="RowTransformer.PrepareAsync"/>).</summary>
    public static PreparedBatch Prepare(MovePlan plan, RowTransformer transformer, List<object?[]> sources)
    {
        var batch = new PreparedBatch(sources);
        var scratch = new StringBuilder(256);
        for (var i = 0; i < sources.Count; i++)
        {
            object?[] row;
            try
            {
                row = transformer.Transform(sources[i]);
            }
            catch (DataMoveRowException e)
            {
                batch.Failures[i] = e;
                continue;
            }

            batch.Rows[i] = row;
            try
            {
                batch.Hashes[i] = RowHash.Compute(scratch, row, plan.TargetTypes);
                batch.TargetKeys[i] = KeyText.ForMap(row, plan.TargetKeyIndexes);
                batch.SourceKeys[i] = KeyText.ForMap(sources[i], plan.KeyIndexes);
            }
            catch (ValueConversionException)
            {
                // A key without a text form: left to the writer, which reports it where it always did.
                batch.SourceKeys[i] = null;
            }
        }

        return batch;
    }
}
