namespace MigrationKit.Hosting.Tests.Migrations.Gated;

/// <summary>The advisory lock key pair the second migration waits on; a test holds it to keep a host mid-migration.</summary>
public static class Gate
{
    public const int ClassId = 4243;
    public const int ObjectId = 1;
}

[Migration(1, "Create customers")]
public sealed class CreateCustomers : Migration
{
    public override void Up(MigrationBuilder migration) => migration.CreateTable("customers", t => t.Column("id").AsInt64().PrimaryKey());
}

[Migration(2, "Waits at the test's gate, then creates orders")]
public sealed class WaitAtGate : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.Sql("SELECT pg_advisory_xact_lock(4243, 1)");
        migration.CreateTable("orders", t => t.Column("id").AsInt64().PrimaryKey());
    }

    public override void Down(MigrationBuilder migration) => migration.DropTable("orders");
}
