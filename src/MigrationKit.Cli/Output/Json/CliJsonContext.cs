using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using MigrationKit.Checkpoints;
using MigrationKit.History;
using MigrationKit.Rollback;
using MigrationKit.Runs;

namespace MigrationKit.Cli.Output.Json;

/// <summary>
/// The JSON every command writes with <c>--json</c>, source-generated: camel-case names, enums as camel-case strings,
/// nulls written (a field is always present). The shapes are documented in docs/cli.md; fields are only ever added.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    Converters =
    [
        typeof(CamelCaseEnumConverter<MigrationState>),
        typeof(CamelCaseEnumConverter<MigrationDirection>),
        typeof(CamelCaseEnumConverter<JournalAction>),
        typeof(CamelCaseEnumConverter<JournalStatus>),
        typeof(CamelCaseEnumConverter<RollbackMethod>),
        typeof(CamelCaseEnumConverter<CheckpointLevel>),
        typeof(CamelCaseEnumConverter<CheckpointKind>),
        typeof(CamelCaseEnumConverter<MigrationRunCommand>),
        typeof(CamelCaseEnumConverter<MigrationRunOutcome>),
    ])]
[JsonSerializable(typeof(StatusDocument))]
[JsonSerializable(typeof(RunDocument))]
[JsonSerializable(typeof(RollbackDocument))]
[JsonSerializable(typeof(ScriptDocument))]
[JsonSerializable(typeof(HistoryDocument))]
[JsonSerializable(typeof(JournalDocument))]
[JsonSerializable(typeof(ValidateDocument))]
[JsonSerializable(typeof(VersionsDocument))]
[JsonSerializable(typeof(CheckpointDocument))]
[JsonSerializable(typeof(CheckpointListDocument))]
[JsonSerializable(typeof(RestoreDocument))]
[JsonSerializable(typeof(NewDocument))]
[JsonSerializable(typeof(ErrorDocument))]
[JsonSerializable(typeof(DriftDocument))]
[JsonSerializable(typeof(FleetDocument))]
[JsonSerializable(typeof(DataRunDocument))]
[JsonSerializable(typeof(DataPlanDocument))]
[JsonSerializable(typeof(DataStatusDocument))]
[JsonSerializable(typeof(DataValidateDocument))]
[JsonSerializable(typeof(RunRecordsDocument))]
[JsonSerializable(typeof(RunStatisticsDocument))]
internal sealed partial class CliJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context the tool writes with: as <see cref="JsonSerializerContext"/>'s Default, but with text left readable
    /// (<c>'</c>, <c>+</c>, non-ASCII letters) for a terminal or a pipe, not escaped for HTML.
    /// </summary>
    public static CliJsonContext Output => LazyOutput.Value;

    // Lazy: the generated Default is not ready while this type's static fields are initialised.
    private static readonly Lazy<CliJsonContext> LazyOutput = new(() => new(new JsonSerializerOptions(Default!.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
}
