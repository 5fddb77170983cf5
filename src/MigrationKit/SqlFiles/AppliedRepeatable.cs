namespace MigrationKit.SqlFiles;

/// <summary>One row of the repeatable bookkeeping: the checksum a repeatable migration last ran with, when, and how long it took.</summary>
internal sealed record AppliedRepeatable(string Name, string Checksum, DateTimeOffset AppliedAt, TimeSpan Duration);
