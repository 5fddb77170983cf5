using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MigrationKit.Health;

/// <summary>The JSON form of a <see cref="DatabaseHealth"/>.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DatabaseHealth))]
internal sealed partial class HealthJsonContext : JsonSerializerContext
{
    private static readonly Lazy<HealthJsonContext> LazyReadable = new(() => new(new JsonSerializerOptions(Default!.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));

    /// <summary>As <see cref="JsonSerializerContext"/>'s Default, but with quotes and non-ASCII letters left readable: the text is for people and tools, not HTML.</summary>
    public static HealthJsonContext Readable => LazyReadable.Value;
}
