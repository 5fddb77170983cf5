using System.Globalization;
using System.Text;
using System.Text.Json;
using MigrationKit.Data.Endpoints;

namespace MigrationKit.Data.Conversion;

/// <summary>
/// Strict conversions of loose values (SQLite's integers, reals and text) into the CLR representation of a
/// <see cref="DataType"/>, and the canonical text of a converted value that content checksums hash.
/// </summary>
internal static class ValueConverter
{
    // Above this, an epoch number is read as milliseconds (in seconds it would be past the year 5000).
    private const long MillisecondsThreshold = 100_000_000_000;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    // One box per boolean value, not one per row.
    private static readonly object True = true;
    private static readonly object False = false;

    /// <summary>Converts <paramref name="value"/> (null or DBNull for NULL) to <paramref name="type"/>.</summary>
    /// <exception cref="ValueConversionException">The value is not a <paramref name="type"/>.</exception>
    public static object? To(object? value, DataType type)
    {
        if (value is null || value is DBNull)
        {
            return null;
        }

        try
        {
            return type switch
            {
                DataType.Unknown => value,
                // A value that already has the type's representation is returned as it is, without a new box.
                DataType.Boolean => value is bool ? value : ToBoolean(value) ? True : False,
                DataType.Int16 => value is short ? value : checked((short)ToInt64(value)),
                DataType.Int32 => value is int ? value : checked((int)ToInt64(value)),
                DataType.Int64 => value is long ? value : ToInt64(value),
                DataType.Decimal => value is decimal ? value : ToDecimal(value),
                DataType.Double => value is double ? value : ToDouble(value),
                DataType.Text => ToText(value),
                DataType.Guid => value is Guid ? value : ToGuid(value),
                DataType.Timestamp => value is DateTime { Kind: DateTimeKind.Unspecified } ? value : DateTime.SpecifyKind(ToUtc(value, assumeUtc: true), DateTimeKind.Unspecified),
                DataType.TimestampTz => value is DateTime { Kind: DateTimeKind.Utc } ? value : ToUtc(value, assumeUtc: true),
                DataType.Date => ToDate(value),
                DataType.Json => ToJson(value),
                DataType.Binary => value as byte[] ?? throw Fail(),
                _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown data type."),
            };
        }
        catch (Exception e) when (e is FormatException or OverflowException or InvalidCastException or JsonException or ArgumentException)
        {
            throw new ValueConversionException(e.Message, e);
        }
    }

    /// <summary>The value as written in messages: text quoted, others invariant, NULL for null.</summary>
    public static string Describe(object? value) => value switch
    {
        null or DBNull => "NULL",
        string s => "'" + (s.Length > 200 ? s[..200] + "…" : s) + "'",
        byte[] b => $"<{b.Length} bytes>",
        _ => Convert.ToString(value, Invariant) ?? string.Empty,
    };

    /// <summary>
    /// Appends the canonical text of a value already converted to its type: the same text whichever engine it was
    /// read from (decimals without trailing zeros, timestamps to the microsecond, JSON without insignificant spaces).
    /// </summary>
    public static void AppendCanonical(StringBuilder builder, object? value, DataType type)
    {
        switch (value)
        {
            case null:
                builder.Append('\u2400');
                break;
            case string s when type == DataType.Json:
                builder.Append(CanonicalJson(s));
                break;
            case string s:
                builder.Append(s);
                break;
            case bool b:
                builder.Append(b ? '1' : '0');
                break;
            case decimal d:
                builder.Append((d / 1.000000000000000000000000000000000m).ToString(Invariant));
                break;
            case double d:
                builder.Append(d.ToString("R", Invariant));
                break;
            case DateTime t:
                var rounded = new DateTime((t.Ticks + 5) / 10 * 10, DateTimeKind.Unspecified);
                builder.Append(rounded.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", Invariant));
                break;
            case DateOnly d:
                builder.Append(d.ToString("yyyy-MM-dd", Invariant));
                break;
            case Guid g:
                builder.Append(g.ToString("D"));
                break;
            case byte[] bytes:
                builder.Append(Convert.ToHexString(bytes));
                break;
            case IFormattable f:
                builder.Append(f.ToString(null, Invariant));
                break;
            default:
                builder.Append(value);
                break;
        }
    }

    private static InvalidCastException Fail() => new("The value has another type.");

    private static bool ToBoolean(object value) => value switch
    {
        bool b => b,
        long or int or short or byte or decimal or double => ToInt64(value) switch
        {
            0 => false,
            1 => true,
            _ => throw new FormatException("Only 0 and 1 are booleans."),
        },
        string s => s.Trim().ToUpperInvariant() switch
        {
            "1" or "TRUE" or "T" => true,
            "0" or "FALSE" or "F" => false,
            _ => throw new FormatException("Only 0, 1, 'true' and 'false' are booleans."),
        },
        _ => throw Fail(),
    };

    private static long ToInt64(object value) => value switch
    {
        long l => l,
        int i => i,
        short s => s,
        byte b => b,
        bool b => b ? 1 : 0,
        decimal d when decimal.Truncate(d) == d => checked((long)d),
        double d when Math.Truncate(d) == d && !double.IsInfinity(d) => checked((long)d),
        string s => long.Parse(s.Trim(), NumberStyles.AllowLeadingSign, Invariant),
        _ => throw Fail(),
    };

    private static decimal ToDecimal(object value) => value switch
    {
        decimal d => d,
        long or int or short or byte => ToInt64(value),
        double d => (decimal)d,
        float f => (decimal)f,
        string s => decimal.Parse(s.Trim(), NumberStyles.Float, Invariant),
        _ => throw Fail(),
    };

    private static double ToDouble(object value) => value switch
    {
        double d => d,
        float f => f,
        long or int or short or byte => ToInt64(value),
        decimal d => (double)d,
        string s => double.Parse(s.Trim(), NumberStyles.Float, Invariant),
        _ => throw Fail(),
    };

    private static string ToText(object value) => value switch
    {
        string s => s,
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", Invariant),
        DateTimeOffset o => o.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", Invariant),
        DateOnly d => d.ToString("yyyy-MM-dd", Invariant),
        Guid g => g.ToString("D"),
        double d => d.ToString("R", Invariant),
        bool b => b ? "true" : "false",
        byte[] => throw Fail(),
        IFormattable f => f.ToString(null, Invariant),
        _ => value.ToString() ?? string.Empty,
    };

    private static Guid ToGuid(object value) => value switch
    {
        Guid g => g,
        string s => Guid.Parse(s.Trim()),
        byte[] { Length: 16 } b => new Guid(b),
        _ => throw Fail(),
    };

    private static DateTime ToUtc(object value, bool assumeUtc) => value switch
    {
        DateTime t => t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : DateTime.SpecifyKind(t, DateTimeKind.Utc),
        DateTimeOffset o => o.UtcDateTime,
        DateOnly d => DateTime.SpecifyKind(d.ToDateTime(TimeOnly.MinValue), DateTimeKind.Utc),
        long or int or double or decimal => FromEpoch(value),
        string s when long.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, Invariant, out var epoch) => FromEpoch(epoch),
        string s => DateTime.Parse(s.Trim(), Invariant, assumeUtc ? DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal : DateTimeStyles.AdjustToUniversal),
        _ => throw Fail(),
    };

    /// <summary>Seconds, or milliseconds above the threshold, since the Unix epoch.</summary>
    public static DateTime FromEpoch(object value)
    {
        var number = ToDouble(value);
        return Math.Abs(number) >= MillisecondsThreshold ? FromUnixMilliseconds(value) : FromUnixSeconds(value);
    }

    public static DateTime FromUnixMilliseconds(object value) => value switch
    {
        double d => DateTime.UnixEpoch.AddTicks(checked((long)Math.Round(d * TimeSpan.TicksPerMillisecond))),
        _ => DateTime.UnixEpoch.AddTicks(checked(ToInt64(value) * TimeSpan.TicksPerMillisecond)),
    };

    public static DateTime FromUnixSeconds(object value) => value switch
    {
        double d => DateTime.UnixEpoch.AddTicks(checked((long)Math.Round(d * TimeSpan.TicksPerSecond))),
        _ => DateTime.UnixEpoch.AddTicks(checked(ToInt64(value) * TimeSpan.TicksPerSecond)),
    };

    private static DateOnly ToDate(object value) => value switch
    {
        DateOnly d => d,
        DateTime t => DateOnly.FromDateTime(t),
        DateTimeOffset o => DateOnly.FromDateTime(o.UtcDateTime),
        string s when DateOnly.TryParseExact(s.Trim(), "yyyy-MM-dd", Invariant, DateTimeStyles.None, out var d) => d,
        string s => DateOnly.FromDateTime(DateTime.Parse(s.Trim(), Invariant, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)),
        _ => throw Fail(),
    };

    private static string ToJson(object value)
    {
        var text = value switch
        {
            string s => s,
            byte[] b => Encoding.UTF8.GetString(b),
            _ => throw Fail(),
        };
        using (JsonDocument.Parse(text))
        {
        }

        return text;
    }

    private static string CanonicalJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        var builder = new StringBuilder(json.Length);
        Write(document.RootElement, builder);
        return builder.ToString();

        static void Write(JsonElement element, StringBuilder builder)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    builder.Append('{');
                    var first = true;
                    foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                    {
                        if (!first)
                        {
                            builder.Append(',');
                        }

                        first = false;
                        builder.Append(JsonSerializer.Serialize(property.Name)).Append(':');
                        Write(property.Value, builder);
                    }

                    builder.Append('}');
                    break;
                case JsonValueKind.Array:
                    builder.Append('[');
                    var firstItem = true;
                    foreach (var item in element.EnumerateArray())
                    {
                        if (!firstItem)
                        {
                            builder.Append(',');
                        }

                        firstItem = false;
                        Write(item, builder);
                    }

                    builder.Append(']');
                    break;
                case JsonValueKind.Number:
                    builder.Append(element.TryGetDecimal(out var d) ? (d / 1.000000000000000000000000000000000m).ToString(Invariant) : element.GetRawText());
                    break;
                case JsonValueKind.String:
                    builder.Append(JsonSerializer.Serialize(element.GetString()));
                    break;
                default:
                    builder.Append(element.GetRawText());
                    break;
            }
        }
    }
}
