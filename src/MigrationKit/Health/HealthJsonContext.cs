using System.Text.Json.Serialization;

namespace MigrationKit.Health;

/// <summary>The JSON form of a <see cref="DatabaseHealth"/>.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DatabaseHealth))]
internal sealed partial class HealthJsonContext : JsonSerializerContext;
