namespace MigrationKit.SqlFiles;

/// <summary>
/// The directives of a SQL migration file: comment lines at its top of the form <c>-- migrationkit: no-transaction</c>
/// (several directives separated by commas; case does not matter). The header ends at the first line that is neither
/// blank nor a <c>--</c> comment. The one directive is <c>no-transaction</c>: the file runs outside a transaction,
/// statement by statement, for statements that cannot run in one (PostgreSQL <c>CREATE INDEX CONCURRENTLY</c>,
/// SQLite <c>VACUUM</c>).
/// </summary>
/// <param name="NoTransaction">Whether the file runs outside a transaction.</param>
internal sealed record SqlMigrationHeader(bool NoTransaction)
{
    public const string Marker = "migrationkit:";
    public const string NoTransactionDirective = "no-transaction";

    /// <summary>Reads the header of <paramref name="sql"/>; on an unknown directive, <paramref name="problem"/> names it.</summary>
    public static SqlMigrationHeader Parse(string sql, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(sql);
        problem = null;
        var noTransaction = false;
        foreach (var rawLine in sql.TrimStart('\uFEFF').Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (!line.StartsWith("--", StringComparison.Ordinal))
            {
                break;
            }

            var comment = line[2..].Trim();
            if (!comment.StartsWith(Marker, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var directive in comment[Marker.Length..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (string.Equals(directive, NoTransactionDirective, StringComparison.OrdinalIgnoreCase))
                {
                    noTransaction = true;
                }
                else
                {
                    problem = $"the header directive '{directive}' is unknown. The only directive is '-- {Marker} {NoTransactionDirective}' (run the file outside a transaction); correct or remove the line.";
                }
            }
        }

        return new SqlMigrationHeader(noTransaction);
    }
}
