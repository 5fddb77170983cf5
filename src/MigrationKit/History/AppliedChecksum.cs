namespace MigrationKit.History;

/// <summary>The version and checksum of one applied migration: what the quick check for nothing pending reads.</summary>
/// <param name="Version">The migration's version.</param>
/// <param name="Checksum">The checksum recorded when it was applied.</param>
public readonly record struct AppliedChecksum(long Version, string Checksum);
