using System.Text;

namespace MigrationKit;

/// <summary>A dry run: the SQL each pending step would execute, generated from the same operations a real run uses.</summary>
/// <param name="Steps">The steps, in order.</param>
public sealed record MigrationScript(IReadOnlyList<MigrationScriptStep> Steps)
{
    /// <summary>
    /// The repeatable SQL-file migrations (<c>R__{name}.sql</c>) the run would re-apply after <see cref="Steps"/>
    /// because they changed, by name; each with version 0 and the repeatable's description.
    /// </summary>
    public IReadOnlyList<MigrationScriptStep> Repeatables { get; init; } = [];

    /// <summary>The whole script as SQL text, each step introduced by a comment.</summary>
    /// <returns>The SQL.</returns>
    public string ToSql()
    {
        var sql = new StringBuilder();
        foreach (var step in Steps.Concat(Repeatables))
        {
            sql.Append("-- ").Append(step.Version == 0 ? "repeatable" : step.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(' ').Append(step.Description).Append(" (").Append(step.Direction)
                .Append(step.Transactional ? ")\n" : ", no transaction)\n");
            foreach (var statement in step.Statements)
            {
                sql.Append(statement).Append(";\n");
            }

            sql.Append('\n');
        }

        return sql.ToString();
    }
}
