namespace MigrationKit.Cli.Output.Json;

/// <summary>The JSON written instead of a result when a command fails.</summary>
internal sealed record ErrorDocument(ErrorItem Error);
