namespace MigrationKit.SqlFiles;

/// <summary>One SQL migration file as read: where it came from, its parsed name, its text and its header.</summary>
/// <param name="Path">The full path of the file, or the name of the embedded resource: what messages name.</param>
/// <param name="FileName">The file name, as parsed.</param>
/// <param name="Name">The parsed name.</param>
/// <param name="Sql">The text.</param>
/// <param name="Header">The header directives.</param>
internal sealed record SqlMigrationFile(string Path, string FileName, SqlMigrationFileName Name, string Sql, SqlMigrationHeader Header)
{
    /// <summary>
    /// The statements to record: the whole file as one raw SQL operation in a transaction (so that a script with
    /// trigger bodies reaches the database as written), or statement by statement outside one.
    /// </summary>
    public IReadOnlyList<string> Statements => Header.NoTransaction ? SqlStatementSplitter.Split(Sql) : [Sql];

    public MigrationTransactionMode Transaction => Header.NoTransaction ? MigrationTransactionMode.None : MigrationTransactionMode.Transactional;
}
