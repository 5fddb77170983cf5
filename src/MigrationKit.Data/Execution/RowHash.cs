using System.Text;
using MigrationKit.Data.Conversion;
using MigrationKit.Data.Endpoints;

namespace MigrationKit.Data.Execution;

/// <summary>
/// A 64-bit FNV-1a hash of a row's canonical text. Content checksums add row hashes (modulo 2^64), so they do not
/// depend on row order, and a duplicated row changes the sum.
/// </summary>
internal static class RowHash
{
    private const ulong Offset = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    public static long Compute(StringBuilder scratch, object?[] values, IReadOnlyList<DataType> types)
    {
        scratch.Clear();
        for (var i = 0; i < values.Length; i++)
        {
            ValueConverter.AppendCanonical(scratch, values[i], types[i]);
            scratch.Append('\u241F');
        }

        var hash = Offset;
        foreach (var chunk in scratch.GetChunks())
        {
            foreach (var c in chunk.Span)
            {
                hash = (hash ^ (byte)c) * Prime;
                hash = (hash ^ (byte)(c >> 8)) * Prime;
            }
        }

        return unchecked((long)hash);
    }
}
