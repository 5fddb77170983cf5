namespace MigrationKit.Cli.Output.Json;

/// <summary>One table's validation: source and target rows and the differing keys in words.</summary>
internal sealed record DataValidateItem(string Move, bool Valid, long SourceRows, long TargetRows, IReadOnlyList<string> Differences);
