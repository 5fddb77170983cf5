namespace MigrationKit.Cli.Output.Json;

/// <summary>One step of a script.</summary>
internal sealed record ScriptStepItem(long Version, string Description, MigrationDirection Direction, bool Transactional, IReadOnlyList<string> Statements);
