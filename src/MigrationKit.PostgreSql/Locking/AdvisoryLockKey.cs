using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using MigrationKit.Operations;

namespace MigrationKit.PostgreSql;

/// <summary>
/// The 64-bit key of the migration lock: the first 8 bytes (big-endian) of the SHA-256 of the history table's
/// schema-qualified name, so that it is the same in every process and .NET version (unlike <c>string.GetHashCode</c>),
/// runners sharing a history share the lock, and runners keeping their histories in different schemas do not.
/// Advisory locks are per database, so the database needs no place in the key.
/// </summary>
/// <param name="Value">The key passed to <c>pg_try_advisory_lock(bigint)</c>.</param>
internal readonly record struct AdvisoryLockKey(long Value)
{
    /// <summary>The high half, shown in <c>pg_locks.classid</c>.</summary>
    public long ClassId => (long)((ulong)Value >> 32);

    /// <summary>The low half, shown in <c>pg_locks.objid</c> (with <c>objsubid</c> 1 for a bigint key).</summary>
    public long ObjectId => Value & 0xFFFF_FFFFL;

    /// <summary>The key for a history table.</summary>
    /// <param name="historyTable">The history table as the runner names it.</param>
    /// <param name="defaultSchema">The provider's configured schema, where an unqualified history table lives; <see langword="null"/> for the connection's own <c>search_path</c>.</param>
    /// <returns>The key.</returns>
    public static AdvisoryLockKey For(QualifiedName historyTable, string? defaultSchema)
    {
        ArgumentNullException.ThrowIfNull(historyTable);
        var schema = historyTable.Schema ?? defaultSchema ?? string.Empty;
        // NUL cannot occur in an identifier, so the parts cannot run into each other ("a.b" + "c" vs "a" + "b.c").
        var text = $"migrationkit:lock\0{schema}\0{historyTable.Name}";
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return new AdvisoryLockKey(BinaryPrimitives.ReadInt64BigEndian(hash));
    }
}
