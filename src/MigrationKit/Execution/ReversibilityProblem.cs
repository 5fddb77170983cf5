namespace MigrationKit;

/// <summary>A migration whose Down does not restore the schema its Up started from.</summary>
/// <param name="Version">The version.</param>
/// <param name="Description">The description.</param>
/// <param name="Differences">How the schema after Down differs from the schema before Up.</param>
/// <param name="Error">The error, when Up or Down failed instead.</param>
public sealed record ReversibilityProblem(long Version, string Description, IReadOnlyList<string> Differences, string? Error);
