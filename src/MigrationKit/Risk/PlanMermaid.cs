using System.Text;
using MigrationKit.Inspection;
using MigrationKit.Operations;

namespace MigrationKit.Risk;

/// <summary>Writes the touched tables as a Mermaid ER diagram.</summary>
internal static class PlanMermaid
{
    public static string Write(DatabaseSchema schema)
    {
        var text = new StringBuilder("erDiagram\n");
        foreach (var table in schema.Tables)
        {
            text.Append("    ").Append(Name(table.Name)).Append(" {\n");
            foreach (var column in table.Columns)
            {
                var key = table.PrimaryKey?.Columns.Contains(column.Name) == true ? " PK"
                    : table.ForeignKeys.Any(f => f.Columns.Contains(column.Name)) ? " FK" : string.Empty;
                text.Append("        ").Append(Word(column.StoreType)).Append(' ').Append(Word(column.Name)).Append(key).Append('\n');
            }

            text.Append("    }\n");
        }

        foreach (var table in schema.Tables)
        {
            foreach (var foreignKey in table.ForeignKeys)
            {
                var principal = schema.FindTable(foreignKey.PrincipalTable) is { } found ? found.Name : foreignKey.PrincipalTable;
                text.Append("    ").Append(Name(principal)).Append(" ||--o{ ").Append(Name(table.Name)).Append(" : \"").Append(foreignKey.Name.Replace("\"", "'", StringComparison.Ordinal)).Append("\"\n");
            }
        }

        return text.ToString();
    }

    private static string Name(QualifiedName name) => Word(name.Schema is null ? name.Name : name.Schema + "_" + name.Name);

    // Mermaid names and types are single words of letters, digits, '_' and '-'.
    private static string Word(string text)
    {
        var word = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            word.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_');
        }

        return word.ToString().Trim('_') is { Length: > 0 } trimmed ? trimmed : "_";
    }
}
