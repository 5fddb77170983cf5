using System.Text.Json.Serialization;

namespace MigrationKit.Checkpoints;

/// <summary>The JSON form of the metadata written beside each checkpoint file.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(Checkpoint))]
internal sealed partial class CheckpointJsonContext : JsonSerializerContext;
