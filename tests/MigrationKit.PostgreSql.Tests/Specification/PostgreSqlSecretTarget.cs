using MigrationKit.PostgreSql.Tests.Support;
using MigrationKit.Providers;
using MigrationKit.Specification;
using Npgsql;

namespace MigrationKit.PostgreSql.Tests.Specification;

/// <summary>
/// The conformance suite on PostgreSQL through a role that signs in with a password: each database is owned by
/// <see cref="SecretRole"/> and reached with a connection string that carries its password (checked by the server with
/// SCRAM on the private cluster), so the bad-input fixture can assert that the password never leaks. The databases
/// are reused (emptied between tests) and dropped with the private cluster at the end.
/// </summary>
public sealed class PostgreSqlSecretTarget : ISpecificationTarget, ISpecificationSecrets, ISpecificationIdentifierLimit
{
    public string ProviderName => "postgresql";

    public IReadOnlyCollection<string> Secrets => [SecretRole.Password];

    public int MaxIdentifierBytes => PostgreSqlMigrationOptions.MaxIdentifierBytes;

    public async Task<ISpecificationDatabase> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        await SecretRole.EnsureAsync();

        // CREATE DATABASE costs far more than emptying one, so databases are reused: disposing one empties its public
        // schema (everything the suite creates lives there) and puts it back for the next test.
        if (!Free.TryTake(out var name))
        {
            name = "mk_secret_" + Guid.NewGuid().ToString("N");
            await using var admin = new NpgsqlConnection(PostgresServer.ConnectionString);
            await admin.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" OWNER \"{SecretRole.Name}\"", admin);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return new Database(name, SecretRole.ConnectionString(name));
    }

    private static readonly System.Collections.Concurrent.ConcurrentBag<string> Free = [];

    private sealed class Database(string name, string connectionString) : ISpecificationDatabase
    {
        public MigrationProvider CreateProvider() => new PostgreSqlMigrationProvider(connectionString, new PostgreSqlMigrationOptions());

        public async ValueTask DisposeAsync()
        {
            var admin = new NpgsqlConnectionStringBuilder(PostgresServer.ConnectionString) { Database = name, Pooling = false }.ConnectionString;
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid(); DROP SCHEMA public CASCADE; CREATE SCHEMA public AUTHORIZATION \"{SecretRole.Name}\"",
                connection);
            await command.ExecuteNonQueryAsync();
            Free.Add(name);
        }
    }
}
