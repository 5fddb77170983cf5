using System.Globalization;
using MigrationKit.Fleet;

namespace MigrationKit.Cli.Commands;

/// <summary>
/// Reads the targets of <c>up --targets FILE</c>: one a line, <c>name = connection string</c> or a bare connection
/// string (named <c>target-N</c> by its line); blank lines and lines starting with <c>#</c> are skipped.
/// </summary>
internal static class FleetTargetsFile
{
    public static IReadOnlyList<FleetTarget> Read(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new CommandLineException($"The targets file '{full}' does not exist. Write one target a line: 'name = connection string'.");
        }

        var targets = new List<FleetTarget>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var raw in File.ReadLines(full))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            // "name = connection string": the name ends at a first '=' written with a space on each side, which a
            // connection string's own "Key=Value" does not have (write those without spaces around '=').
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            var (name, connection) = equals > 0 && line.IndexOf(" = ", StringComparison.Ordinal) == equals - 1
                ? (line[..(equals - 1)].Trim(), line[(equals + 2)..].Trim())
                : (string.Create(CultureInfo.InvariantCulture, $"target-{lineNumber}"), line);
            if (connection.Length == 0)
            {
                throw new CommandLineException($"Line {lineNumber} of '{full}' names target '{name}' but gives no connection string. Write 'name = connection string'.");
            }

            if (!names.Add(name))
            {
                throw new CommandLineException($"Line {lineNumber} of '{full}' names target '{name}' a second time. Give each target its own name.");
            }

            targets.Add(new FleetTarget(name, connection));
        }

        return targets.Count > 0 ? targets : throw new CommandLineException($"The targets file '{full}' lists no target. Write one a line: 'name = connection string'.");
    }
}
