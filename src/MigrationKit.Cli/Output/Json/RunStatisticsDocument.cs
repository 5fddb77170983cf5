namespace MigrationKit.Cli.Output.Json;

/// <summary><c>runs --stats --json</c>: the figures per UTC day, oldest first, and in total.</summary>
internal sealed record RunStatisticsDocument(DateTimeOffset? Since, IReadOnlyList<RunFiguresItem> Days, RunFiguresItem Total);
