using System.Text;

namespace MigrationKit.SqlFiles;

/// <summary>
/// Reads the SQL-file migrations of a runner's sources once, when the runner is built, and checks them all before any
/// database is touched: every problem (missing directory, a name that does not parse, an empty file, a Down without
/// its versioned file, two Downs or two repeatables of one name, an unknown header directive) is reported in one
/// <see cref="InvalidSqlMigrationException"/>. Two versioned files of one version are left to the catalog, which
/// reports them with the migration classes of that version.
/// </summary>
internal static class SqlMigrationLoader
{
    public static SqlMigrationSet Load(IEnumerable<SqlMigrationSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var problems = new List<KeyValuePair<string, string>>();
        var files = new List<SqlMigrationFile>();
        foreach (var source in sources.Distinct())
        {
            foreach (var (path, fileName, read) in Enumerate(source, problems))
            {
                if (SqlMigrationFileName.Parse(fileName, out var nameProblem) is not { } name)
                {
                    problems.Add(new(path, nameProblem!));
                    continue;
                }

                var sql = read();
                var header = SqlMigrationHeader.Parse(sql, out var headerProblem);
                if (headerProblem is not null)
                {
                    problems.Add(new(path, headerProblem));
                    continue;
                }

                if (SqlStatementSplitter.Split(sql).Count == 0)
                {
                    problems.Add(new(path, $"the file is empty (nothing but whitespace and comments). Write the SQL of the migration in it, or delete the file."));
                    continue;
                }

                files.Add(new SqlMigrationFile(path, fileName, name, sql, header));
            }
        }

        var downs = new Dictionary<long, SqlMigrationFile>();
        foreach (var group in files.Where(f => f.Name.Kind == SqlMigrationKind.Undo).GroupBy(f => f.Name.Version))
        {
            var all = group.ToArray();
            if (all.Length > 1)
            {
                problems.AddRange(all.Skip(1).Select(f => new KeyValuePair<string, string>(f.Path, $"it is a second Down file for version {group.Key} (the other is {all[0].Path}). Keep one U{group.Key}__….sql file.")));
            }

            downs[group.Key] = all[0];
        }

        var ups = files.Where(f => f.Name.Kind == SqlMigrationKind.Versioned).ToArray();
        var upVersions = ups.Select(f => f.Name.Version).ToHashSet();
        foreach (var (version, down) in downs)
        {
            if (!upVersions.Contains(version))
            {
                problems.Add(new(down.Path, $"it is the Down of version {version}, but there is no versioned file V{version}__….sql. Add the versioned file, correct the version in the name, or delete the Down file."));
            }
            else if (ups.First(f => f.Name.Version == version) is var up && up.Header.NoTransaction != down.Header.NoTransaction)
            {
                problems.Add(new(down.Path, $"its header {(down.Header.NoTransaction ? "has" : "lacks")} '-- {SqlMigrationHeader.Marker} {SqlMigrationHeader.NoTransactionDirective}' but its versioned file {up.Path} {(up.Header.NoTransaction ? "has" : "lacks")} it; a migration runs with or without a transaction in both directions. Put the header in both files or in neither."));
            }
        }

        var repeatables = files.Where(f => f.Name.Kind == SqlMigrationKind.Repeatable).ToArray();
        foreach (var group in repeatables.GroupBy(f => f.Name.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            var all = group.ToArray();
            problems.AddRange(all.Skip(1).Select(f => new KeyValuePair<string, string>(f.Path, $"the repeatable name '{group.Key}' is already used by {all[0].Path}. Give each repeatable file its own name.")));
        }

        if (problems.Count > 0)
        {
            throw new InvalidSqlMigrationException(problems);
        }

        return new SqlMigrationSet(
            ups.Select(up => new SqlFileMigration(up, downs.GetValueOrDefault(up.Name.Version))).ToArray(),
            repeatables.OrderBy(f => f.Name.Name, StringComparer.Ordinal).Select(f => new RepeatableMigration(f)).ToArray());
    }

    private static IEnumerable<(string Path, string FileName, Func<string> Read)> Enumerate(SqlMigrationSource source, List<KeyValuePair<string, string>> problems)
    {
        if (source.Directory is { } directory)
        {
            if (!System.IO.Directory.Exists(directory))
            {
                problems.Add(new(directory, "the directory of SQL migrations does not exist. Create it, or correct the path given to AddSqlMigrationsFrom."));
                return [];
            }

            // Top-level only: other files (a README, a seed script in a subfolder) are not migrations.
            return System.IO.Directory.EnumerateFiles(directory, "*", SearchOption.TopDirectoryOnly)
                .Where(p => p.EndsWith(SqlMigrationFileName.Extension, StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .Select(p => (p, Path.GetFileName(p), (Func<string>)(() => File.ReadAllText(p, Encoding.UTF8))))
                .ToArray();
        }

        var assembly = source.Assembly!;
        var prefix = source.ResourcePrefix is null ? null : source.ResourcePrefix + ".";
        var resources = assembly.GetManifestResourceNames()
            .Where(r => r.EndsWith(SqlMigrationFileName.Extension, StringComparison.OrdinalIgnoreCase) && (prefix is null || r.StartsWith(prefix, StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (resources.Length == 0)
        {
            problems.Add(new(source.ToString(), $"no embedded resource ends with {SqlMigrationFileName.Extension}{(prefix is null ? string.Empty : $" under '{source.ResourcePrefix}'")}. Embed the files (<EmbeddedResource Include=\"Sql\\*.sql\" />) and give the prefix their names start with (the project's root namespace and folder, for example MyApp.Sql)."));
        }

        return resources.Select(r => ($"{r} (embedded in {assembly.GetName().Name})", FileNameOf(r), (Func<string>)(() => ReadResource(assembly, r))));
    }

    // The build names a resource RootNamespace.Folder.File.sql: the file name is the last part before .sql.
    private static string FileNameOf(string resource)
    {
        var stem = resource[..^SqlMigrationFileName.Extension.Length];
        return stem[(stem.LastIndexOf('.') + 1)..] + SqlMigrationFileName.Extension;
    }

    private static string ReadResource(System.Reflection.Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }
}
