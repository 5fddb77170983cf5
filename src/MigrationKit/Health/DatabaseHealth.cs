using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MigrationKit.Health;

/// <summary>
/// What <see cref="IMigrationRunner.GetHealthAsync"/> found: whether the database answers and how fast, its version and
/// size, where its migrations stand, its tables, who waits for a lock, the longest open transaction and the slowest
/// statements. Immutable; a part the engine cannot tell is empty or <see langword="null"/> and named, with the reason, in
/// <see cref="NotAvailable"/>.
/// </summary>
/// <param name="Database">The target, as the provider describes it (never with a password).</param>
/// <param name="Reachable">Whether a session could be opened on the database.</param>
public sealed record DatabaseHealth(string Database, bool Reachable)
{
    /// <summary>Why the database could not be reached or read, with what to check; <see langword="null"/> when all went well.</summary>
    public string? Error { get; init; }

    /// <summary>When the health was read.</summary>
    public DateTimeOffset CheckedAt { get; init; }

    /// <summary>How long a trivial query (<c>SELECT 1</c>) took from send to answer on an open connection (the faster of two tries).</summary>
    public TimeSpan? Latency { get; init; }

    /// <summary>The server version as the database prints it (<c>15.8</c>, <c>3.50.4</c>).</summary>
    public string? ServerVersion { get; init; }

    /// <summary>The database's size in bytes.</summary>
    public long? DatabaseSizeBytes { get; init; }

    /// <summary>The highest applied version, or 0.</summary>
    public long CurrentVersion { get; init; }

    /// <summary>The versions in the code not applied yet, ascending.</summary>
    public IReadOnlyList<long> PendingVersions { get; init; } = [];

    /// <summary>The versions that failed part way outside a transaction and block every run until repaired.</summary>
    public IReadOnlyList<long> IncompleteVersions { get; init; } = [];

    /// <summary>Every user table, by schema and name; MigrationKit's own tables are included, flagged <see cref="TableHealth.IsBookkeeping"/>.</summary>
    public IReadOnlyList<TableHealth> Tables { get; init; } = [];

    /// <summary>The sessions of this database waiting for a lock right now, longest waiting first.</summary>
    public IReadOnlyList<LockWait> LockWaits { get; init; } = [];

    /// <summary>The oldest transaction open in another session of this database; <see langword="null"/> when none (or the engine cannot tell).</summary>
    public OpenTransaction? LongestTransaction { get; init; }

    /// <summary>The slowest statements from <c>pg_stat_statements</c>, ranked as <see cref="HealthOptions.SlowStatementOrder"/> says; empty when not available.</summary>
    public IReadOnlyList<SlowStatement> SlowStatements { get; init; } = [];

    /// <summary>Why <see cref="SlowStatements"/> could not be read and how to make it available; <see langword="null"/> when it was read.</summary>
    public string? SlowStatementsUnavailable { get; init; }

    /// <summary>The parts of the report this engine or provider does not have, each with the reason, in plain words.</summary>
    public IReadOnlyList<string> NotAvailable { get; init; } = [];

    /// <summary>The report as indented JSON (camel-case names, enums as strings, nulls left out).</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, HealthJsonContext.Readable.DatabaseHealth);

    /// <summary>The report in one line, for logs.</summary>
    /// <returns>The summary.</returns>
    public override string ToString()
    {
        if (!Reachable)
        {
            return $"{Database}: unreachable: {Error}";
        }

        var text = new StringBuilder(Database).Append(": reachable");
        if (Latency is { } latency)
        {
            text.Append(CultureInfo.InvariantCulture, $", round trip {latency.TotalMilliseconds:0.###} ms");
        }

        if (ServerVersion is not null)
        {
            text.Append(", version ").Append(ServerVersion);
        }

        if (DatabaseSizeBytes is { } size)
        {
            text.Append(", ").Append(FormatBytes(size));
        }

        text.Append(CultureInfo.InvariantCulture, $"; at version {CurrentVersion}, {PendingVersions.Count} pending, {IncompleteVersions.Count} incomplete");
        text.Append(CultureInfo.InvariantCulture, $"; {Tables.Count(t => !t.IsBookkeeping)} table(s), {LockWaits.Count} lock wait(s)");
        if (LongestTransaction is { } transaction)
        {
            text.Append(CultureInfo.InvariantCulture, $", longest open transaction {transaction.Age.TotalSeconds:0.#} s (pid {transaction.ProcessId})");
        }

        if (Error is not null)
        {
            text.Append("; ").Append(Error);
        }

        return text.ToString();
    }

    /// <summary>A byte count in the largest unit that keeps it at or above 1 (<c>8.0 kB</c>, <c>7.4 MB</c>).</summary>
    /// <param name="bytes">The count.</param>
    /// <returns>The text.</returns>
    public static string FormatBytes(long bytes)
    {
        string[] units = ["bytes", "kB", "MB", "GB", "TB"];
        var value = (double)bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0 ? string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes") : string.Create(CultureInfo.InvariantCulture, $"{value:0.0} {units[unit]}");
    }
}
