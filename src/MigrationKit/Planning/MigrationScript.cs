using System.Text;

namespace MigrationKit;

/// <summary>A dry run: the SQL each pending step would execute, generated from the same operations a real run uses.</summary>
/// <param name="Steps">The steps, in order.</param>
public sealed record MigrationScript(IReadOnlyList<MigrationScriptStep> Steps)
{
    /// <summary>The whole script as SQL text, each step introduced by a comment.</summary>
    /// <returns>The SQL.</returns>
    public string ToSql()
    {
        var sql = new StringBuilder();
        foreach (var step in Steps)
        {
            sql.Append("-- ").Append(step.Version).Append(' ').Append(step.Description).Append(" (").Append(step.Direction)
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
