namespace MigrationKit.SafetyRunner.Protocol;

/// <summary>The runner's answer to one <see cref="RunCommand"/>, one line on stdout prefixed <c>result </c>.</summary>
/// <param name="Ok">Whether MigrateUp returned.</param>
/// <param name="Applied">The versions this process applied.</param>
/// <param name="ToVersion">The database's version afterwards (0 on failure).</param>
/// <param name="ErrorType">The exception's type name on failure.</param>
/// <param name="Error">The exception's message on failure.</param>
/// <param name="Milliseconds">How long MigrateUp took.</param>
public sealed record RunOutcome(bool Ok, IReadOnlyList<long> Applied, long ToVersion, string? ErrorType, string? Error, long Milliseconds);
