namespace MigrationKit.SafetyRunner.Protocol;

/// <summary>
/// One line on the runner's stdin, prefixed <c>restore </c>: restore a checkpoint file into a database with the
/// provider's backup. The runner prints <c>restoring</c> when it starts and <c>progress &lt;n&gt;</c> after each step
/// (SQLite: pages left; PostgreSQL: bytes of SQL written), so that a test can stop it part way.
/// </summary>
/// <param name="Provider"><c>sqlite</c> or <c>postgresql</c>.</param>
/// <param name="ConnectionString">The target.</param>
/// <param name="FilePath">The checkpoint file.</param>
/// <param name="Level"><c>Full</c> or <c>Schema</c>.</param>
public sealed record RestoreCommand(string Provider, string ConnectionString, string FilePath, string Level)
{
    /// <summary>SQLite pages per backup step (small steps stretch a restore); <see langword="null"/> for the default.</summary>
    public int? StepPages { get; init; }

    /// <summary>
    /// Stops the restore after this many progress reports (SQLite: backup steps; PostgreSQL: chunks of the dump's SQL
    /// written to <c>psql</c>), prints <c>gated</c> and waits for <c>release</c> on stdin or a kill; <see langword="null"/>
    /// to run straight through.
    /// </summary>
    public int? GateAtProgress { get; init; }
}
