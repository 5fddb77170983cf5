using System.Text.Json.Serialization;

namespace MigrationKit.Risk;

/// <summary>The JSON form of a <see cref="MigrationPlanReport"/>.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MigrationPlanReport))]
internal sealed partial class PlanJsonContext : JsonSerializerContext;
