namespace MigrationKit.Hosting;

/// <summary>
/// A host started in <see cref="MigrationStartupMode.WaitForMigrations"/> gave up: migrations were still pending when its
/// wait timed out. Whatever should apply them (a job, an init container, a replica in <see cref="MigrationStartupMode.Migrate"/>)
/// has not run, failed, or is slower than <see cref="MigrationStartupOptions.WaitTimeout"/>.
/// </summary>
public sealed class MigrationWaitTimeoutException : MigrationKitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="target">The target's name, or <see langword="null"/> for the default target.</param>
    /// <param name="timeout">How long the host waited.</param>
    /// <param name="pendingVersions">The versions still pending when the wait ended.</param>
    public MigrationWaitTimeoutException(string? target, TimeSpan timeout, IReadOnlyList<long> pendingVersions)
        : this(target, timeout, pendingVersions, innerException: null)
    {
    }

    /// <summary>Creates the exception, with the error of the last status read when the database could not be reached.</summary>
    /// <param name="target">The target's name, or <see langword="null"/> for the default target.</param>
    /// <param name="timeout">How long the host waited.</param>
    /// <param name="pendingVersions">The versions pending at the last status read (empty when none succeeded).</param>
    /// <param name="innerException">Why the last status read failed, or <see langword="null"/> when it succeeded.</param>
    public MigrationWaitTimeoutException(string? target, TimeSpan timeout, IReadOnlyList<long> pendingVersions, Exception? innerException)
        : base(Describe(target, timeout, pendingVersions, innerException), innerException)
    {
        ArgumentNullException.ThrowIfNull(pendingVersions);
        Target = target;
        Timeout = timeout;
        PendingVersions = pendingVersions;
    }

    /// <summary>The target's name, or <see langword="null"/> for the default target.</summary>
    public string? Target { get; }

    /// <summary>How long the host waited.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>The versions still pending when the wait ended, ascending.</summary>
    public IReadOnlyList<long> PendingVersions { get; }

    private static string Describe(string? target, TimeSpan timeout, IReadOnlyList<long>? pending, Exception? unreachable) =>
        unreachable is not null
            ? FormattableString.Invariant($"MigrationKit target '{target ?? "default"}': the database could not be reached for {timeout.TotalSeconds:0.###} s while this host waited for its migrations ({unreachable.Message}). Check the connection string and that the database is up, or raise WaitTimeout.")
            : FormattableString.Invariant(
            $"MigrationKit target '{target ?? "default"}' still had {pending?.Count ?? 0} pending migration(s) ({string.Join(", ", pending ?? [])}) after waiting {timeout.TotalSeconds:0.###} s. This host waits for another instance, job or init container to apply them: check that it ran and succeeded, or raise WaitTimeout.");
}
