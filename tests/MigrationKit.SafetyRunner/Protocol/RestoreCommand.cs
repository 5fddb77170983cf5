namespace MigrationKit.SafetyRunner.Protocol;

/// <summary>
/// One line on the runner's stdin, prefixed <c>restore </c>: restore a checkpoint file into a database with the
/// provider's backup. The runner prints <c>restoring</c> when it starts and, for SQLite, <c>progress &lt;pages left&gt;</c>
/// after each step, so that a test can kill it part way.
/// </summary>
/// <param name="Provider"><c>sqlite</c> or <c>postgresql</c>.</param>
/// <param name="ConnectionString">The target.</param>
/// <param name="FilePath">The checkpoint file.</param>
/// <param name="Level"><c>Full</c> or <c>Schema</c>.</param>
public sealed record RestoreCommand(string Provider, string ConnectionString, string FilePath, string Level)
{
    /// <summary>SQLite pages per backup step (small steps stretch a restore); <see langword="null"/> for the default.</summary>
    public int? StepPages { get; init; }
}
