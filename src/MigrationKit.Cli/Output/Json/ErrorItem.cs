namespace MigrationKit.Cli.Output.Json;

/// <summary>What failed: the exit code, the kind of error, and the message (passwords masked).</summary>
internal sealed record ErrorItem(int ExitCode, string Kind, string Message);
