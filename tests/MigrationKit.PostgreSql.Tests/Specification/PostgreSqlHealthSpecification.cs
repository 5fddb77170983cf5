using System.Net;
using System.Net.Sockets;
using MigrationKit.Providers;
using MigrationKit.Specification;

namespace MigrationKit.PostgreSql.Tests.Specification;

public sealed class PostgreSqlHealthSpecification : HealthSpecification<PostgreSqlTarget>
{
    // A port that was free a moment ago, so nothing listens there: the connection is refused at once.
    protected override MigrationProvider CreateUnreachableProvider() =>
        new PostgreSqlMigrationProvider($"Host=127.0.0.1;Port={ClosedPort()};Username=postgres;Database=mk_unreachable;Timeout=15", new PostgreSqlMigrationOptions());

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
