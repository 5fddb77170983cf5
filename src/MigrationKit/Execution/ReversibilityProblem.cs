using MigrationKit.Inspection;

namespace MigrationKit;

/// <summary>A migration whose Down does not restore the schema its Up started from.</summary>
/// <param name="Version">The version.</param>
/// <param name="Description">The description.</param>
/// <param name="Differences">How the schema after Down differs from the schema before Up (and, prefixed, how Up applied again differs from the first Up), in plain words.</param>
/// <param name="Error">The error, when Up or Down failed instead.</param>
public sealed record ReversibilityProblem(long Version, string Description, IReadOnlyList<string> Differences, string? Error)
{
    /// <summary>How the schema after Down differs from the schema before Up (expected: before Up; actual: after Down), as data.</summary>
    public IReadOnlyList<SchemaDifference> AfterDown { get; init; } = [];

    /// <summary>How the schema after Down then Up again differs from the schema after the first Up (expected: after the first Up), as data.</summary>
    public IReadOnlyList<SchemaDifference> AfterReapply { get; init; } = [];
}
