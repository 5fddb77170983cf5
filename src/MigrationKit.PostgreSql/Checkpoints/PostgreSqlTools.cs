using System.Globalization;
using System.Text.RegularExpressions;
using MigrationKit.Checkpoints;

namespace MigrationKit.PostgreSql.Checkpoints;

/// <summary>
/// Finds the PostgreSQL client programs (<c>pg_dump</c>, <c>pg_restore</c>, <c>psql</c>): in the configured folder when
/// there is one, else on <c>PATH</c>, else under <c>/usr/lib/postgresql/&lt;version&gt;/bin</c> (the highest version);
/// and reads their versions.
/// </summary>
internal static partial class PostgreSqlTools
{
    private const string DebianRoot = "/usr/lib/postgresql";

    /// <summary>The full path of a tool, or a <see cref="CheckpointException"/> naming where it looked and the remedy.</summary>
    /// <param name="tool">The program's name, such as <c>pg_dump</c>.</param>
    /// <param name="configuredDirectory">The folder from <see cref="PostgreSqlMigrationOptions.ToolsDirectory"/>, if any.</param>
    /// <returns>The path.</returns>
    public static string Find(string tool, string? configuredDirectory)
    {
        var fileName = OperatingSystem.IsWindows() ? tool + ".exe" : tool;
        if (configuredDirectory is not null)
        {
            var configured = Path.Combine(configuredDirectory, fileName);
            return File.Exists(configured)
                ? configured
                : throw new CheckpointException($"{tool} was not found in '{configuredDirectory}', the folder PostgreSqlMigrationOptions.ToolsDirectory names. Install the PostgreSQL client tools there, or point ToolsDirectory at the folder that holds {tool}.");
        }

        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, fileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        if (Directory.Exists(DebianRoot))
        {
            var newest = Directory.GetDirectories(DebianRoot)
                .Select(d => (Path: Path.Combine(d, "bin", fileName), Version: Version.TryParse(Path.GetFileName(d), out var v) ? v : int.TryParse(Path.GetFileName(d), CultureInfo.InvariantCulture, out var major) ? new Version(major, 0) : null))
                .Where(c => c.Version is not null && File.Exists(c.Path))
                .OrderByDescending(c => c.Version)
                .Select(c => c.Path)
                .FirstOrDefault();
            if (newest is not null)
            {
                return newest;
            }
        }

        throw new CheckpointException($"{tool} was not found on PATH or under {DebianRoot}/*/bin. Install the PostgreSQL client tools of the server's version (for example 'apt-get install postgresql-client'), or set PostgreSqlMigrationOptions.ToolsDirectory to the folder that holds {tool}.");
    }

    /// <summary>Runs <c>&lt;tool&gt; --version</c> and returns the version it prints (<c>15.18</c>).</summary>
    /// <param name="path">The tool.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The version.</returns>
    public static async Task<Version> GetVersionAsync(string path, CancellationToken cancellationToken)
    {
        var result = await ToolProcess.RunAsync(path, ["--version"], new Dictionary<string, string?>(), captureOutput: true, cancellationToken).ConfigureAwait(false);
        var match = VersionPattern().Match(result.Output);
        if (result.ExitCode != 0 || !match.Success)
        {
            throw new CheckpointException($"'{path} --version' did not print a PostgreSQL version (exit code {result.ExitCode}: {result.Output.Trim()} {result.Error.Trim()}). Install working PostgreSQL client tools, or set PostgreSqlMigrationOptions.ToolsDirectory to another folder.");
        }

        var major = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var minor = match.Groups[2].Success ? int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) : 0;
        return match.Groups[3].Success ? new Version(major, minor, int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture)) : new Version(major, minor);
    }

    /// <summary>The major version a tool or server belongs to: <c>15</c> for 15.x, <c>9.6</c> for 9.6.x (before 10, the major version had two parts).</summary>
    /// <param name="version">The version.</param>
    /// <returns>The major version.</returns>
    public static Version Major(Version version) => version.Major >= 10 ? new Version(version.Major, 0) : new Version(version.Major, version.Minor);

    /// <summary>The server's version from <c>server_version_num</c> (<c>150018</c> is 15.18, <c>90624</c> is 9.6.24).</summary>
    /// <param name="serverVersionNum">The setting's value.</param>
    /// <returns>The version.</returns>
    public static Version FromServerVersionNum(int serverVersionNum) => serverVersionNum >= 100000
        ? new Version(serverVersionNum / 10000, serverVersionNum % 10000)
        : new Version(serverVersionNum / 10000, serverVersionNum / 100 % 100, serverVersionNum % 100);

    /// <summary>Refuses a tool whose major version is older than the server's: it cannot read a newer server's catalog.</summary>
    /// <param name="tool">The tool's name.</param>
    /// <param name="path">The tool's path.</param>
    /// <param name="toolVersion">Its version.</param>
    /// <param name="serverVersion">The server's version.</param>
    public static void EnsureNotOlder(string tool, string path, Version toolVersion, Version serverVersion)
    {
        if (Major(toolVersion) < Major(serverVersion))
        {
            throw new CheckpointException(
                $"{tool} at '{path}' is version {Show(toolVersion)}, older than the server's PostgreSQL {Show(serverVersion)}, so it cannot dump that server. "
                + $"Install the PostgreSQL {Show(Major(serverVersion))} client tools (or newer) and put them on PATH, or set PostgreSqlMigrationOptions.ToolsDirectory to their folder.");
        }
    }

    private static string Show(Version version) => version.Major >= 10 && version.Minor == 0 && version.Build < 0 ? version.Major.ToString(CultureInfo.InvariantCulture) : version.ToString();

    [GeneratedRegex(@"\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?(?:\.(\d+))?", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();
}
