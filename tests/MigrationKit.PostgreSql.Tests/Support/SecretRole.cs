using Npgsql;

namespace MigrationKit.PostgreSql.Tests.Support;

/// <summary>
/// A login role with a password, created once per test run. On the private cluster (trust authentication for
/// everyone else) a <c>pg_hba.conf</c> line makes the server check this role's password with SCRAM, so a wrong
/// password really is refused; with <c>MIGRATIONKIT_PG</c> the server's own rules apply.
/// </summary>
internal static class SecretRole
{
    public const string Name = "mk_secret_owner";

    /// <summary>The role's password: the secret the tests look for in every exception and log line.</summary>
    public const string Password = "Pw-7f3a9c2e-MustNeverLeak";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool _ready;

    /// <summary>Whether the server checks this role's password (so a wrong one is refused).</summary>
    public static bool PasswordChecked { get; private set; }

    public static string ConnectionString(string database, string password = Password) =>
        new NpgsqlConnectionStringBuilder(PostgresServer.ConnectionString) { Database = database, Username = Name, Password = password }.ConnectionString;

    public static async Task EnsureAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_ready)
            {
                return;
            }

            await using var admin = new NpgsqlConnection(PostgresServer.ConnectionString);
            await admin.OpenAsync();
            await ExecuteAsync(admin, $"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{Name}') THEN CREATE ROLE \"{Name}\" LOGIN PASSWORD '{Password}'; END IF; END $$");
            if (PostgresServer.IsPrivateCluster)
            {
                await using var show = new NpgsqlCommand("SHOW hba_file", admin);
                var hbaFile = (string)(await show.ExecuteScalarAsync())!;
                var rule = $"host all {Name} 127.0.0.1/32 scram-sha-256";
                var rules = await File.ReadAllTextAsync(hbaFile);
                if (!rules.Contains(rule, StringComparison.Ordinal))
                {
                    // First match wins: this line, ahead of the cluster's trust lines, concerns only this role.
                    await File.WriteAllTextAsync(hbaFile, rule + "\n" + rules);
                    await ExecuteAsync(admin, "SELECT pg_reload_conf()");
                }

                PasswordChecked = await WaitUntilWrongPasswordRefusedAsync();
            }

            _ready = true;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<bool> WaitUntilWrongPasswordRefusedAsync()
    {
        // The server reloads its configuration asynchronously; wait until it applies the rule.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                await using var probe = new NpgsqlConnection(ConnectionString("postgres", "not-the-password") + ";Pooling=false");
                await probe.OpenAsync();
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidPassword)
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
