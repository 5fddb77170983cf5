namespace MigrationKit;

/// <summary>A migration found in code.</summary>
/// <param name="Version">The version.</param>
/// <param name="Description">The description.</param>
/// <param name="Name">The class name.</param>
/// <param name="Transaction">How it uses transactions.</param>
public sealed record MigrationInfo(long Version, string Description, string Name, MigrationTransactionMode Transaction);
