using System.Text.Json;
using System.Text.Json.Serialization;

namespace MigrationKit.Cli.Output.Json;

/// <summary>Writes an enum as its camel-case name (<c>"pending"</c>, <c>"up"</c>), the documented JSON form.</summary>
internal sealed class CamelCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase)
    where TEnum : struct, Enum;
