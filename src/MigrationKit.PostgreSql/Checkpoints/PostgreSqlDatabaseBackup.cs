using System.Diagnostics;
using System.Globalization;
using System.Text;
using MigrationKit.Checkpoints;
using MigrationKit.History;
using Npgsql;

namespace MigrationKit.PostgreSql.Checkpoints;

/// <summary>
/// Checkpoints of the managed schema(s) of a PostgreSQL database with <c>pg_dump --format=custom</c>, restored by
/// piping <c>pg_restore</c>'s SQL into <c>psql</c> inside one transaction that first drops the schemas.
/// </summary>
/// <remarks>
/// <para>
/// The managed schemas are the session's <c>current_schema()</c> (the provider's <see cref="PostgreSqlMigrationOptions.Schema"/>,
/// or the first schema of the connection's <c>search_path</c>, usually <c>public</c>) and the schemas the history and
/// journal tables are qualified with. Objects of other schemas that depend on them (a view elsewhere over a managed
/// table) are dropped by the restore's <c>DROP SCHEMA … CASCADE</c> and not recreated; extensions are not dumped with
/// <c>--schema</c>, so objects an extension installed in a managed schema are not restored either.
/// </para>
/// <para>
/// A restore runs as <c>BEGIN; DROP SCHEMA … CASCADE;</c>, then the dump's SQL, then <c>COMMIT</c>, which this class
/// writes to <c>psql</c> only after <c>pg_restore</c> has finished without error. If this process dies part way,
/// <c>psql</c> reads the end of its input without a <c>COMMIT</c> and disconnects, and the server rolls the whole
/// transaction back: the old database stays as it was. The <c>DROP SCHEMA</c> waits for locks that other sessions
/// hold on the managed tables for at most <see cref="PostgreSqlMigrationOptions.LockWaitTimeout"/>, then the restore
/// fails without changing anything; other sessions are never terminated.
/// </para>
/// <para>
/// Connection settings reach the tools through <c>PGHOST</c>, <c>PGPORT</c>, <c>PGUSER</c>, <c>PGDATABASE</c>,
/// <c>PGSSLMODE</c>, <c>PGPASSWORD</c> and <c>PGPASSFILE</c> in their environment; the command lines carry only
/// options and file names. A provider built over an application's <see cref="NpgsqlDataSource"/> sees the data
/// source's connection string, which keeps the password only with <c>Persist Security Info=true</c>; otherwise the
/// tools use <c>PGPASSWORD</c> or <c>PGPASSFILE</c> from this process's environment, or <c>~/.pgpass</c>.
/// </para>
/// </remarks>
internal sealed class PostgreSqlDatabaseBackup : IDatabaseBackup
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly PostgreSqlMigrationProvider _provider;
    private readonly MigrationHistoryOptions _history;

    /// <summary>Creates the backup of a provider's database.</summary>
    /// <param name="provider">The provider.</param>
    /// <param name="history">Names the history and journal tables, whose rows a schema-level checkpoint keeps.</param>
    public PostgreSqlDatabaseBackup(PostgreSqlMigrationProvider provider, MigrationHistoryOptions history)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(history);
        _provider = provider;
        _history = history;
    }

    /// <inheritdoc />
    public string FileExtension => ".dump";

    /// <summary>Called during a restore after each chunk of the dump's SQL written to <c>psql</c>, with the bytes written so far; the safety runner stops there.</summary>
    internal Action<long>? RestoreProgress { get; init; }

    /// <inheritdoc />
    public async ValueTask<string> GetServerVersionAsync(CancellationToken cancellationToken = default)
    {
        var connection = (NpgsqlConnection)await _provider.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = new NpgsqlCommand("SHOW server_version", connection);
            await using (command.ConfigureAwait(false))
            {
                var text = Convert.ToString(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) ?? string.Empty;
                return text.Split(' ', 2)[0];
            }
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The path is empty, or the file exists already.</exception>
    /// <exception cref="CheckpointException">pg_dump is missing, older than the server, or failed (its message is included).</exception>
    public async ValueTask BackupAsync(string filePath, CheckpointLevel level, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);
        CheckLevel(level);
        var path = Path.GetFullPath(filePath);
        if (File.Exists(path))
        {
            throw new ArgumentException($"The checkpoint file '{path}' exists already; a backup never overwrites a file. Choose a new file name or delete the old file.", nameof(filePath));
        }

        var target = await ReadTargetAsync(level == CheckpointLevel.Schema, cancellationToken).ConfigureAwait(false);
        var pgDump = PostgreSqlTools.Find("pg_dump", _provider.Options.ToolsDirectory);
        PostgreSqlTools.EnsureNotOlder("pg_dump", pgDump, await PostgreSqlTools.GetVersionAsync(pgDump, cancellationToken).ConfigureAwait(false), target.ServerVersion);
        CreateOwnerOnlyFile(path);
        try
        {
            var start = CreateDumpStartInfo(pgDump, path, target);
            using var process = ToolProcess.Start(start);
            process.StandardInput.Close();
            var error = ToolProcess.ReadErrorAsync(process);
            var output = ToolProcess.DrainAsync(process.StandardOutput.BaseStream);
            await ToolProcess.WaitAsync(process, cancellationToken).ConfigureAwait(false);
            await output.ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                throw new CheckpointException($"pg_dump could not write the checkpoint file '{path}' of {_provider.DisplayName} (exit code {process.ExitCode}): {(await error.ConfigureAwait(false)).Trim()} Fix the cause and take the checkpoint again.");
            }
        }
        catch
        {
            DeleteQuietly(path);
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask VerifyAsync(string filePath, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);
        var path = Path.GetFullPath(filePath);
        if (!File.Exists(path))
        {
            throw new CheckpointException($"The checkpoint file '{path}' does not exist. Restore another checkpoint, or put the file back.");
        }

        var pgRestore = PostgreSqlTools.Find("pg_restore", _provider.Options.ToolsDirectory);
        var environment = ToolEnvironment(_provider.ConnectionSettings);

        // --list reads the table of contents; writing the whole script to the null device reads every data block too,
        // so a file cut short after its table of contents is refused as well.
        foreach (var arguments in new[] { new[] { "--list", path }, ["--file=" + (OperatingSystem.IsWindows() ? "NUL" : "/dev/null"), path] })
        {
            var result = await ToolProcess.RunAsync(pgRestore, arguments, environment, captureOutput: false, cancellationToken).ConfigureAwait(false);
            if (result.ExitCode != 0)
            {
                throw new CheckpointException($"The checkpoint file '{path}' is damaged or not a pg_dump archive: pg_restore {arguments[0]} failed (exit code {result.ExitCode}): {result.Error.Trim()} It cannot be restored; restore another checkpoint.");
            }
        }
    }

    /// <inheritdoc />
    /// <exception cref="CheckpointException">The file is missing, the tools are missing, or the restore failed (the tools' messages are included); the database is as it was.</exception>
    public async ValueTask RestoreAsync(string filePath, CheckpointLevel level, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);
        CheckLevel(level);
        var path = Path.GetFullPath(filePath);
        if (!File.Exists(path))
        {
            throw new CheckpointException($"The checkpoint file '{path}' does not exist, so {_provider.DisplayName} was not restored. Restore another checkpoint, or put the file back.");
        }

        var target = await ReadTargetAsync(withTables: false, cancellationToken).ConfigureAwait(false);
        var pgRestore = PostgreSqlTools.Find("pg_restore", _provider.Options.ToolsDirectory);
        var psql = PostgreSqlTools.Find("psql", _provider.Options.ToolsDirectory);
        var environment = ToolEnvironment(_provider.ConnectionSettings);

        using var session = ToolProcess.Start(ToolProcess.CreateStartInfo(psql, ["--no-psqlrc", "--quiet", "--no-password", "--set=ON_ERROR_STOP=1"], environment));
        var sessionError = ToolProcess.ReadErrorAsync(session);
        var sessionOutput = ToolProcess.DrainAsync(session.StandardOutput.BaseStream);
        Process? script = null;
        Task<string>? scriptError = null;
        try
        {
            var input = session.StandardInput.BaseStream;
            await WriteAsync(input, Prefix(target), cancellationToken).ConfigureAwait(false);
            script = ToolProcess.Start(ToolProcess.CreateStartInfo(pgRestore, ["--file=-", path], environment));
            script.StandardInput.Close();
            scriptError = ToolProcess.ReadErrorAsync(script);
            await CopyAsync(script.StandardOutput.BaseStream, input, RestoreProgress, cancellationToken).ConfigureAwait(false);
            await ToolProcess.WaitAsync(script, cancellationToken).ConfigureAwait(false);
            if (script.ExitCode != 0)
            {
                // No COMMIT: psql reads the end of its input and disconnects; the server rolls everything back.
                session.StandardInput.Close();
                await ToolProcess.WaitAsync(session, cancellationToken).ConfigureAwait(false);
                throw new CheckpointException($"pg_restore could not read the checkpoint file '{path}' (exit code {script.ExitCode}): {(await scriptError.ConfigureAwait(false)).Trim()} {_provider.DisplayName} is as it was; restore another checkpoint.");
            }

            await WriteAsync(input, Suffix(target), cancellationToken).ConfigureAwait(false);
            session.StandardInput.Close();
            await ToolProcess.WaitAsync(session, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            // psql ended early (an error stopped it), so writing to it failed; it rolled back.
            if (script is not null)
            {
                ToolProcess.Kill(script);
            }

            await ToolProcess.WaitAsync(session, CancellationToken.None).ConfigureAwait(false);
            throw Failed(path, session.ExitCode, await sessionError.ConfigureAwait(false), e);
        }
        catch
        {
            ToolProcess.Kill(session);
            if (script is not null)
            {
                ToolProcess.Kill(script);
            }

            throw;
        }
        finally
        {
            script?.Dispose();
        }

        await sessionOutput.ConfigureAwait(false);
        if (session.ExitCode != 0)
        {
            throw Failed(path, session.ExitCode, await sessionError.ConfigureAwait(false), null);
        }
    }

    /// <summary>The environment that gives the tools the connection: host, port, user, database, SSL mode and the password, never the command line.</summary>
    /// <param name="settings">The connection settings.</param>
    /// <returns>Variables to set; a <see langword="null"/> value removes an inherited one.</returns>
    internal static Dictionary<string, string?> ToolEnvironment(NpgsqlConnectionStringBuilder settings)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["PGHOST"] = string.IsNullOrEmpty(settings.Host) ? "localhost" : settings.Host,
            ["PGPORT"] = settings.Port.ToString(CultureInfo.InvariantCulture),
            ["PGAPPNAME"] = "MigrationKit checkpoint",
            ["PGCONNECT_TIMEOUT"] = Math.Max(2, settings.Timeout).ToString(CultureInfo.InvariantCulture),
            ["PGSSLMODE"] = settings.SslMode switch
            {
                SslMode.Disable => "disable",
                SslMode.Allow => "allow",
                SslMode.Require => "require",
                SslMode.VerifyCA => "verify-ca",
                SslMode.VerifyFull => "verify-full",
                _ => "prefer",
            },

            // A service file or PGOPTIONS of this process must not redirect the tools elsewhere.
            ["PGSERVICE"] = null,
            ["PGOPTIONS"] = null,
        };
        if (!string.IsNullOrEmpty(settings.Username))
        {
            environment["PGUSER"] = settings.Username;
        }

        if (!string.IsNullOrEmpty(settings.Database))
        {
            environment["PGDATABASE"] = settings.Database;
        }

        if (!string.IsNullOrEmpty(settings.Password))
        {
            environment["PGPASSWORD"] = settings.Password;
        }

        if (!string.IsNullOrEmpty(settings.Passfile))
        {
            environment["PGPASSFILE"] = settings.Passfile;
        }

        if (!string.IsNullOrEmpty(settings.RootCertificate))
        {
            environment["PGSSLROOTCERT"] = settings.RootCertificate;
        }

        return environment;
    }

    /// <summary>The pg_dump command: custom format into the file, the managed schemas, and for the schema level no data of user tables.</summary>
    /// <param name="pgDump">The program.</param>
    /// <param name="path">The file.</param>
    /// <param name="target">The schemas and the tables whose data is left out.</param>
    /// <returns>The start information.</returns>
    internal ProcessStartInfo CreateDumpStartInfo(string pgDump, string path, Target target)
    {
        var arguments = new List<string> { "--format=custom", "--file=" + path, "--no-password" };
        var wait = _provider.Options.LockWaitTimeout;
        if (wait != Timeout.InfiniteTimeSpan)
        {
            arguments.Add("--lock-wait-timeout=" + Math.Max(1, (long)wait.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
        }

        arguments.AddRange(target.Schemas.Select(s => "--schema=" + Pattern(s)));
        arguments.AddRange(target.TablesWithoutData.Select(t => "--exclude-table-data=" + Pattern(t.Schema) + "." + Pattern(t.Name)));
        return ToolProcess.CreateStartInfo(pgDump, arguments, ToolEnvironment(_provider.ConnectionSettings));
    }

    private static void CheckLevel(CheckpointLevel level)
    {
        if (!Enum.IsDefined(level))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "The level must be CheckpointLevel.Full or CheckpointLevel.Schema.");
        }
    }

    /// <summary>A pg_dump pattern that matches exactly this name (double quotes make every character literal).</summary>
    private static string Pattern(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static async Task CopyAsync(Stream from, Stream to, Action<long>? progress, CancellationToken cancellationToken)
    {
        if (progress is null)
        {
            await from.CopyToAsync(to, 1 << 16, cancellationToken).ConfigureAwait(false);
            return;
        }

        var buffer = new byte[1 << 16];
        long written = 0;
        int read;
        while ((read = await from.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            written += read;
            progress(written);
        }
    }

    private static async Task WriteAsync(Stream stream, string text, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void CreateOwnerOnlyFile(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.ReadWrite };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        try
        {
            // pg_dump opens the existing file for writing, which keeps its owner-only mode.
            new FileStream(path, options).Dispose();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException($"Could not create the checkpoint file '{path}': {e.Message} Check that the folder exists and is writable.", e);
        }
    }

    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left behind; the next checkpoint uses another name.
        }
    }

    private CheckpointException Failed(string path, int exitCode, string error, Exception? inner) =>
        new($"Restoring {_provider.DisplayName} from the checkpoint file '{path}' failed (psql exit code {exitCode}): {error.Trim()} The restore ran in one transaction, so the database is as it was. If another session holds locks on the managed tables, let it finish (or raise PostgreSqlMigrationOptions.LockWaitTimeout) and restore again.", inner);

    /// <summary>Opens the transaction and drops the managed schemas; the dump creates them again (public included, since it is named with --schema).</summary>
    private string Prefix(Target target)
    {
        var lockTimeout = _provider.Options.LockWaitTimeout == Timeout.InfiniteTimeSpan ? 0 : Math.Max(1, (long)_provider.Options.LockWaitTimeout.TotalMilliseconds);
        var sql = new StringBuilder();
        sql.Append("BEGIN;\n");
        sql.Append(CultureInfo.InvariantCulture, $"SET LOCAL lock_timeout = {lockTimeout};\n");
        foreach (var schema in target.Schemas)
        {
            sql.Append(CultureInfo.InvariantCulture, $"DROP SCHEMA IF EXISTS {Quote(schema)} CASCADE;\n");
        }

        return sql.ToString();
    }

    /// <summary>
    /// Gives back the privileges on the managed schemas that pg_dump leaves out because they equal initdb's (the
    /// <c>USAGE</c> that PUBLIC has on <c>public</c>), then commits.
    /// </summary>
    private static string Suffix(Target target)
    {
        var sql = new StringBuilder();
        foreach (var grant in target.SchemaGrants)
        {
            sql.Append(grant).Append('\n');
        }

        sql.Append("COMMIT;\n");
        return sql.ToString();
    }

    /// <summary>Reads the server's version, the managed schemas, the grants on them and (for the schema level) the tables whose rows are left out.</summary>
    private async Task<Target> ReadTargetAsync(bool withTables, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)await _provider.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            Version serverVersion;
            string current;
            var command = new NpgsqlCommand("SELECT current_setting('server_version_num')::int, coalesce(current_schema(), 'public')", connection);
            await using (command.ConfigureAwait(false))
            {
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                    serverVersion = PostgreSqlTools.FromServerVersionNum(reader.GetInt32(0));
                    current = reader.GetString(1);
                }
            }

            var historyTable = (Schema: _history.HistoryTable.Schema ?? current, _history.HistoryTable.Name);
            var journalTable = (Schema: _history.JournalTable.Schema ?? current, _history.JournalTable.Name);
            var runsTable = (Schema: _history.RunsTable.Schema ?? current, _history.RunsTable.Name);
            var schemas = new List<string> { current };
            foreach (var schema in new[] { historyTable.Schema, journalTable.Schema, runsTable.Schema })
            {
                if (!schemas.Contains(schema, StringComparer.Ordinal))
                {
                    schemas.Add(schema);
                }
            }

            var grants = new List<string>();
            command = new NpgsqlCommand(
                """
                SELECT n.nspname, a.privilege_type, a.is_grantable, CASE WHEN a.grantee = 0 THEN NULL ELSE pg_get_userbyid(a.grantee) END
                FROM pg_namespace n, aclexplode(n.nspacl) a
                WHERE n.nspname = ANY(@schemas) AND a.grantee <> n.nspowner
                  AND EXISTS (SELECT 1 FROM pg_init_privs p WHERE p.objoid = n.oid AND p.classoid = 'pg_namespace'::regclass)
                """,
                connection);
            await using (command.ConfigureAwait(false))
            {
                command.Parameters.AddWithValue("schemas", schemas.ToArray());
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        var grantee = reader.IsDBNull(3) ? "PUBLIC" : Quote(reader.GetString(3));
                        var option = reader.GetBoolean(2) ? " WITH GRANT OPTION" : string.Empty;
                        grants.Add($"GRANT {reader.GetString(1)} ON SCHEMA {Quote(reader.GetString(0))} TO {grantee}{option};");
                    }
                }
            }

            var tables = new List<(string Schema, string Name)>();
            if (withTables)
            {
                command = new NpgsqlCommand(
                    """
                    SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = ANY(@schemas) AND c.relkind IN ('r', 'p', 'm')
                    ORDER BY 1, 2
                    """,
                    connection);
                await using (command.ConfigureAwait(false))
                {
                    command.Parameters.AddWithValue("schemas", schemas.ToArray());
                    var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                        {
                            var table = (reader.GetString(0), reader.GetString(1));
                            if (table != historyTable && table != journalTable && table != runsTable)
                            {
                                tables.Add(table);
                            }
                        }
                    }
                }
            }

            return new Target(serverVersion, schemas, tables, grants);
        }
    }

    /// <summary>What a backup or restore works on.</summary>
    /// <param name="ServerVersion">The server's version.</param>
    /// <param name="Schemas">The managed schemas.</param>
    /// <param name="TablesWithoutData">The tables whose rows a schema-level checkpoint leaves out.</param>
    /// <param name="SchemaGrants">GRANT statements for privileges on the schemas that pg_dump does not write.</param>
    internal sealed record Target(Version ServerVersion, IReadOnlyList<string> Schemas, IReadOnlyList<(string Schema, string Name)> TablesWithoutData, IReadOnlyList<string> SchemaGrants);
}
