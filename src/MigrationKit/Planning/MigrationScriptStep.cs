namespace MigrationKit;

/// <summary>The SQL one migration would run.</summary>
/// <param name="Version">The version.</param>
/// <param name="Description">The description.</param>
/// <param name="Direction">Up or down.</param>
/// <param name="Transactional">Whether it would run in a transaction.</param>
/// <param name="Statements">The statements, in order.</param>
public sealed record MigrationScriptStep(long Version, string Description, MigrationDirection Direction, bool Transactional, IReadOnlyList<string> Statements)
{
    /// <summary>
    /// The statements with what each does (transactional or not, tables touched, rewrite or rebuild, lock level,
    /// destructive): the same commands the executor runs.
    /// </summary>
    public IReadOnlyList<Planning.MigrationCommand> Commands { get; init; } = [];
}
