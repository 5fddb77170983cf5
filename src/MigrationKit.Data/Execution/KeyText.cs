using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using MigrationKit.Data.Conversion;
using MigrationKit.Data.Endpoints;

namespace MigrationKit.Data.Execution;

/// <summary>
/// Keys as text: in the id map (one value's text, or a JSON array of texts for a composite key), in messages
/// (<c>id=42</c>) and in the progress row (a typed JSON array, read back to resume the keyset).
/// </summary>
internal static class KeyText
{
    public static string ForMap(object?[] row, int[] keyIndexes)
    {
        if (keyIndexes.Length == 1)
        {
            return Text(row[keyIndexes[0]]);
        }

        return JsonSerializer.Serialize(keyIndexes.Select(i => Text(row[i])).ToArray());
    }

    public static string ForMessage(object?[] row, int[] keyIndexes, IReadOnlyList<string> names) =>
        string.Join(", ", keyIndexes.Select((index, i) => names[i] + "=" + ValueConverter.Describe(row[index])));

    public static string ForProgress(object?[] row, int[] keyIndexes)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var index in keyIndexes)
            {
                switch (row[index])
                {
                    case null:
                        writer.WriteNullValue();
                        break;
                    case long or int or short or byte:
                        writer.WriteNumberValue(Convert.ToInt64(row[index], CultureInfo.InvariantCulture));
                        break;
                    case decimal d:
                        writer.WriteNumberValue(d);
                        break;
                    case double d:
                        writer.WriteNumberValue(d);
                        break;
                    default:
                        writer.WriteStringValue(Text(row[index]));
                        break;
                }
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static object?[] FromProgress(string json, IReadOnlyList<DataColumn> keyColumns)
    {
        using var document = JsonDocument.Parse(json);
        var values = new object?[keyColumns.Count];
        var i = 0;
        foreach (var element in document.RootElement.EnumerateArray())
        {
            object? raw = element.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.Number when element.TryGetInt64(out var l) => l,
                JsonValueKind.Number => element.GetDecimal(),
                _ => element.GetString(),
            };
            values[i] = ValueConverter.To(raw, keyColumns[i].Type);
            i++;
        }

        return values;
    }

    public static string Text(object? value) => value is null ? string.Empty : (string)ValueConverter.To(value, DataType.Text)!;
}
