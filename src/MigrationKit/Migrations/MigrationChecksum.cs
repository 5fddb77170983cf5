using System.Buffers;
using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using MigrationKit.Operations;

namespace MigrationKit;

/// <summary>
/// SHA-256 over a canonical text form of an operation list, prefixed by the algorithm's version so it can change
/// later without flagging every applied migration. Raw SQL is normalized first (BOM, line endings, trailing
/// whitespace), so editors that only re-save a file do not make a migration look edited.
/// </summary>
internal static class MigrationChecksum
{
    public const string Prefix = "v1:";

    // Per type (not per migration): the data properties in name order, each with a compiled getter, since reading
    // them through PropertyInfo.GetValue was the larger part of a checksum.
    private static readonly ConcurrentDictionary<Type, (string Name, Func<object, object?> Get)[]> Properties = new();

    public static string Compute(IReadOnlyList<MigrationOperation> operations)
    {
        var text = new StringBuilder(1024);
        foreach (var operation in operations)
        {
            Write(text, operation, normalizeSql: operation is SqlOperation);
            text.Append('\n');
        }

        // UTF-8 into a pooled buffer, chunk by chunk (no intermediate string), then hashed.
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var encoder = Encoding.UTF8.GetEncoder();
            var length = 0;
            foreach (var chunk in text.GetChunks())
            {
                length += encoder.GetBytes(chunk.Span, buffer.AsSpan(length), flush: false);
            }

            length += encoder.GetBytes(ReadOnlySpan<char>.Empty, buffer.AsSpan(length), flush: true);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer.AsSpan(0, length), hash);
            return Prefix + Convert.ToHexStringLower(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    internal static string NormalizeSql(string sql)
    {
        var lines = sql.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        return string.Join('\n', lines.Select(l => l.TrimEnd())).Trim('\n');
    }

    private static (string Name, Func<object, object?> Get)[] DataProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract" && p.GetMethod?.GetBaseDefinition().DeclaringType != typeof(MigrationOperation))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => (p.Name, Getter(type, p)))
            .ToArray();

    private static Func<object, object?> Getter(Type type, PropertyInfo property)
    {
        var instance = Expression.Parameter(typeof(object), "instance");
        var read = Expression.Property(Expression.Convert(instance, type), property);
        return Expression.Lambda<Func<object, object?>>(Expression.Convert(read, typeof(object)), instance).Compile();
    }

    private static bool IsDefault(object? value) => value switch
    {
        null => true,
        bool b => !b,
        Enum e => Convert.ToInt64(e, CultureInfo.InvariantCulture) == 0,
        string => false,
        ICollection { Count: 0 } => true,
        _ => false,
    };

    private static void Write(StringBuilder text, object? value, bool normalizeSql)
    {
        switch (value)
        {
            case null:
                text.Append('~');
                break;
            case string s:
                var written = normalizeSql ? NormalizeSql(s) : s;
                text.Append(CultureInfo.InvariantCulture, $"{written.Length}").Append(':').Append(written);
                break;
            case IFormattable f when value is not Enum:
                // The general format of dates and times drops fractions of a second (TimeOnly's even the seconds), so
                // that an edited value would keep its checksum: those are written in the round-trip format.
                var format = value is DateTime or DateTimeOffset or TimeOnly ? "O" : null;
                text.Append(value.GetType().Name).Append('=').Append(f.ToString(format, CultureInfo.InvariantCulture));
                break;
            case Enum or bool or Guid:
                text.Append(value);
                break;
            case byte[] bytes:
                text.Append("0x").Append(Convert.ToHexString(bytes));
                break;
            case IDictionary dictionary:
                text.Append('{');
                foreach (var key in dictionary.Keys.Cast<object>().Select(k => k.ToString()!).Order(StringComparer.Ordinal))
                {
                    Write(text, key, normalizeSql: false);
                    text.Append('=');
                    Write(text, dictionary[key], normalizeSql);
                    text.Append(';');
                }

                text.Append('}');
                break;
            case IEnumerable sequence:
                text.Append('[');
                foreach (var item in sequence)
                {
                    Write(text, item, normalizeSql);
                    text.Append(',');
                }

                text.Append(']');
                break;
            default:
                var type = value.GetType();
                text.Append(type.Name).Append('(');
                // Data only (not the computed members every operation inherits), and only values not at their default:
                // a property added later with a default value then leaves every existing checksum unchanged.
                foreach (var (name, get) in Properties.GetOrAdd(type, DataProperties))
                {
                    var propertyValue = get(value);
                    if (IsDefault(propertyValue))
                    {
                        continue;
                    }

                    text.Append(name).Append('=');
                    Write(text, propertyValue, normalizeSql);
                    text.Append(';');
                }

                text.Append(')');
                break;
        }
    }
}
