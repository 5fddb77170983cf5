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
        : base(Describe(target, timeout, pendingVersions))
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

    private static string Describe(string? target, TimeSpan timeout, IReadOnlyList<long>? pending) =>
        FormattableString.Invariant(
            $"MigrationKit target '{target ?? "default"}' still had {pending?.Count ?? 0} pending migration(s) ({string.Join(", ", pending ?? [])}) after waiting {timeout.TotalSeconds:0.###} s. This host waits for another instance, job or init container to apply them: check that it ran and succeeded, or raise WaitTimeout.");
}
