namespace MigrationKit.Cli.Output.Json;

/// <summary>The JSON of <c>script</c>: the SQL each pending step would run.</summary>
internal sealed record ScriptDocument(IReadOnlyList<ScriptStepItem> Steps);
