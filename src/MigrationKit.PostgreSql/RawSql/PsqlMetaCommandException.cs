using System.Globalization;

namespace MigrationKit.PostgreSql;

/// <summary>
/// A raw-SQL migration (or SQL file) on PostgreSQL holds a psql meta-command, such as <c>\connect</c>, <c>\set</c>,
/// <c>\i</c> or the <c>\.</c> that ends <c>COPY … FROM stdin</c> data: an instruction to the psql client, which no
/// server can run. Thrown before the migration's SQL is sent, so nothing of it runs. (<c>\restrict</c> and
/// <c>\unrestrict</c>, which pg_dump 15.14, 16.10, 17.6 and later write around a plain-text dump, are skipped as psql
/// itself skips them rather than refused.)
/// </summary>
public sealed class PsqlMetaCommandException : MigrationKitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="lineNumber">The line of the SQL text the meta-command is on (1 for the first).</param>
    /// <param name="command">The meta-command without its arguments, such as <c>\connect</c>.</param>
    public PsqlMetaCommandException(int lineNumber, string command)
        : base(Describe(lineNumber, command))
    {
        LineNumber = lineNumber;
        Command = command;
    }

    /// <summary>The line of the SQL text the meta-command is on (1 for the first).</summary>
    public int LineNumber { get; }

    /// <summary>The meta-command without its arguments, such as <c>\connect</c>.</summary>
    public string Command { get; }

    // The arguments are left out: a \connect line may carry a password.
    private static string Describe(int lineNumber, string command) =>
        string.Create(CultureInfo.InvariantCulture, $"Line {lineNumber} of the migration's SQL is the psql meta-command {command}, an instruction to the psql client that no PostgreSQL server can run. ")
        + "Remove that line, or write what it does as SQL (a COPY … FROM stdin block with its data as INSERT statements: pg_dump --inserts or --schema-only writes none; "
        + "\\connect, \\set and \\i have no SQL form, so run such a script with psql instead of as a migration).";
}
