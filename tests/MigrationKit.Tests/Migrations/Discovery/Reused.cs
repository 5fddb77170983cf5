namespace MigrationKit.Tests.Migrations.Discovery.Reused;

/// <summary>Used only by the reuse tests: counts its instances, and its Up depends on a static a test changes.</summary>
[Migration(41, "records once per process")]
internal sealed class RecordedOnce : Migration
{
    private static int instances;

    public RecordedOnce() => Interlocked.Increment(ref instances);

    public static int Instances => Volatile.Read(ref instances);

    public static string Column { get; set; } = "a";

    public override void Up(MigrationBuilder migration) => migration.CreateIndex("reused", Column);
}

/// <summary>A service whose value decides the Up of <see cref="TenantTable"/>.</summary>
internal sealed class Tenant(string table)
{
    public string Table { get; } = table;
}

[Migration(42, "depends on a service")]
internal sealed class TenantTable(Tenant tenant) : Migration
{
    public override void Up(MigrationBuilder migration) => migration.DropTable(tenant.Table);
}
