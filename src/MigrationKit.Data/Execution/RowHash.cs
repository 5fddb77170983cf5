using System.Text;
using MigrationKit.Data.Conversion;
using MigrationKit.Data.Endpoints;

namespace MigrationKit.Data.Execution;

/// <summary>
/// A 64-bit FNV-1a hash of a row's values in canonical binary form (decimals without trailing zeros, timestamps to the
/// microsecond, JSON canonicalised, each value tagged with its kind), so that equal values hash equally whichever engine
/// they were read from. Content checksums add row hashes (modulo 2^64): they do not depend on row order, and a
/// duplicated row changes the sum.
/// </summary>
internal static class RowHash
{
    private const ulong Offset = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    public static long Compute(StringBuilder scratch, object?[] values, IReadOnlyList<DataType> types)
    {
        var hash = Offset;
        Span<byte> bytes = stackalloc byte[16];
        for (var i = 0; i < values.Length; i++)
        {
            switch (values[i])
            {
                case null:
                    hash = Byte(hash, 0xFF);
                    break;
                case string s when types[i] == DataType.Json:
                    scratch.Clear();
                    ValueConverter.AppendCanonical(scratch, s, DataType.Json);
                    hash = Chars(Byte(hash, 1), scratch.ToString());
                    break;
                case string s:
                    hash = Chars(Byte(hash, 1), s);
                    break;
                case bool b:
                    hash = Byte(Byte(hash, 2), b ? (byte)1 : (byte)0);
                    break;
                case long l:
                    hash = Int64(Byte(hash, 3), l);
                    break;
                case int n:
                    hash = Int64(Byte(hash, 3), n);
                    break;
                case short n:
                    hash = Int64(Byte(hash, 3), n);
                    break;
                case decimal d:
                    var normalized = d / 1.000000000000000000000000000000000m;
                    hash = Byte(hash, 4);
                    foreach (var part in decimal.GetBits(normalized))
                    {
                        hash = Int64(hash, part);
                    }

                    break;
                case double d:
                    hash = Int64(Byte(hash, 5), BitConverter.DoubleToInt64Bits(d));
                    break;
                case DateTime t:
                    hash = Int64(Byte(hash, 6), (t.Ticks + 5) / 10);
                    break;
                case DateOnly d:
                    hash = Int64(Byte(hash, 7), d.DayNumber);
                    break;
                case Guid g:
                    g.TryWriteBytes(bytes);
                    hash = Bytes(Byte(hash, 8), bytes);
                    break;
                case byte[] b:
                    hash = Bytes(Byte(hash, 9), b);
                    break;
                default:
                    scratch.Clear();
                    ValueConverter.AppendCanonical(scratch, values[i], types[i]);
                    hash = Chars(Byte(hash, 10), scratch.ToString());
                    break;
            }

            hash = Byte(hash, 0x1F);
        }

        return unchecked((long)hash);
    }

    private static ulong Byte(ulong hash, byte value) => (hash ^ value) * Prime;

    private static ulong Int64(ulong hash, long value)
    {
        for (var i = 0; i < 8; i++)
        {
            hash = (hash ^ (byte)(value >> (8 * i))) * Prime;
        }

        return hash;
    }

    private static ulong Chars(ulong hash, string value)
    {
        foreach (var c in value)
        {
            hash = (hash ^ (byte)c) * Prime;
            hash = (hash ^ (byte)(c >> 8)) * Prime;
        }

        return hash;
    }

    private static ulong Bytes(ulong hash, ReadOnlySpan<byte> value)
    {
        foreach (var b in value)
        {
            hash = (hash ^ b) * Prime;
        }

        return hash;
    }
}
