using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace MigrationKit.History;

/// <summary>
/// A 64-bit digest of a set of applied migrations (versions and checksums): the wrapping sum of one hash per
/// migration, so the digest of a set does not depend on the order it is read in and the digests of the code's
/// version prefixes are running sums. Equal digests mean equal sets except by a 2⁻⁶⁴ accident: each checksum is itself a
/// hash of the migration, so an edit changes its term to an unrelated value.
/// </summary>
internal static class AppliedSetDigest
{
    // One SHA-256 per (version, checksum) per process: a new runner per startup re-adds 500 cached terms, not 500 hashes.
    private static readonly ConcurrentDictionary<(long Version, string Checksum), long> Terms = new();

    /// <summary>The digest of the empty set.</summary>
    public const long Empty = 0;

    /// <summary>The digest of <paramref name="rows"/>.</summary>
    public static long Of(IEnumerable<AppliedChecksum> rows)
    {
        var digest = Empty;
        foreach (var row in rows)
        {
            digest = Add(digest, row.Version, row.Checksum);
        }

        return digest;
    }

    /// <summary>The digest of a set with one more migration.</summary>
    public static long Add(long digest, long version, string checksum) => unchecked(digest + Term(version, checksum));

    private static long Term(long version, string checksum) =>
        Terms.GetOrAdd((version, checksum), static key =>
        {
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(Encoding.UTF8.GetBytes(FormattableString.Invariant($"{key.Version}\n{key.Checksum}")), hash);
            return BitConverter.ToInt64(hash[..sizeof(long)]);
        });
}
