using System.Globalization;
using System.Text;

namespace MigrationKit.Cli.Scaffolding;

/// <summary>
/// Writes a new migration with a timestamp version (<c>yyyyMMddHHmm</c>, UTC): a C# class, or a <c>V</c>/<c>U</c> pair
/// of SQL files named <c>V{version}__{description}.sql</c> and <c>U{version}__{description}.sql</c>.
/// </summary>
internal static class MigrationScaffolder
{
    public static long Version(DateTimeOffset now) => long.Parse(now.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static IReadOnlyList<string> WriteClass(string directory, string @namespace, long version, string description)
    {
        var className = ClassName(description);
        var path = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"{version}_{className}.cs"));
        EnsureFree(directory, version, path);
        var code = new StringBuilder()
            .Append("using MigrationKit;\n\n")
            .Append("namespace ").Append(@namespace).Append(";\n\n")
            .Append("[Migration(").Append(version.ToString(CultureInfo.InvariantCulture)).Append(", \"").Append(Escape(description)).Append("\")]\n")
            .Append("public sealed class ").Append(className).Append(" : Migration\n")
            .Append("{\n")
            .Append("    public override void Up(MigrationBuilder migration)\n")
            .Append("    {\n")
            .Append("        // migration.CreateTable(\"name\", t => t.Column(\"id\").AsInt64().PrimaryKey());\n")
            .Append("    }\n\n")
            .Append("    // Down is derived from Up when every operation is reversible; override Down(MigrationBuilder) otherwise.\n")
            .Append("}\n")
            .ToString();
        Directory.CreateDirectory(directory);
        File.WriteAllText(path, code);
        return [path];
    }

    public static IReadOnlyList<string> WriteSqlPair(string directory, long version, string description)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"{version}__{FileDescription(description)}.sql");
        var up = Path.Combine(directory, "V" + name);
        var down = Path.Combine(directory, "U" + name);
        EnsureFree(directory, version, up);
        Directory.CreateDirectory(directory);
        File.WriteAllText(up, $"-- {description}: applied by 'up'.\n");
        File.WriteAllText(down, $"-- {description}: undoes V{name} when reverted ('down', 'rollback').\n");
        return [up, down];
    }

    /// <summary>"Add orders table" becomes <c>AddOrdersTable</c>; a name that would start with a digit gets a leading <c>M</c>.</summary>
    public static string ClassName(string description)
    {
        var name = new StringBuilder();
        foreach (var word in Words(description))
        {
            name.Append(char.ToUpperInvariant(word[0])).Append(word.AsSpan(1));
        }

        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            name.Insert(0, 'M');
        }

        return name.ToString();
    }

    private static string FileDescription(string description) =>
        string.Join('_', Words(description));

    private static string[] Words(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                Flush();
            }
            else
            {
                word.Append(c);
            }
        }

        Flush();
        return [.. words];

        void Flush()
        {
            if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }
    }

    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    private static void EnsureFree(string directory, long version, string path)
    {
        var versionText = version.ToString(CultureInfo.InvariantCulture);
        if (File.Exists(path) || (Directory.Exists(directory) && Directory.EnumerateFiles(directory).Any(f => Path.GetFileName(f).Contains(versionText, StringComparison.Ordinal))))
        {
            throw new CommandLineException($"'{Path.GetFullPath(directory)}' already has a migration with version {versionText}. Wait a minute for the next timestamp, or rename the existing file's version.");
        }
    }
}
