namespace MigrationKit.Cli;

/// <summary>
/// The tool's exit codes, documented in docs/cli.md so CI pipelines can branch on them. They never change meaning;
/// new outcomes take new numbers.
/// </summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The command failed: connection, configuration, migration, validation or checkpoint error.</summary>
    public const int Failure = 1;

    /// <summary>The command line itself is wrong: unknown command or option, missing or malformed argument.</summary>
    public const int Usage = 2;

    /// <summary><c>status --exit-code</c>: migrations are pending (the history otherwise matches the code).</summary>
    public const int PendingMigrations = 3;

    /// <summary><c>drift --exit-code</c>: the live schema differs from the one the migrations build.</summary>
    public const int DriftFound = 4;

    /// <summary><c>plan --max-risk</c>: the plan's risk is above the level allowed.</summary>
    public const int RiskAboveMaximum = 5;

    /// <summary>The command was cancelled (Ctrl+C or SIGTERM), as shells report a SIGINT.</summary>
    public const int Cancelled = 130;
}
