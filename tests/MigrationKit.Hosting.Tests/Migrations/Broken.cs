namespace MigrationKit.Hosting.Tests.Migrations.Broken;

[Migration(1, "Create customers")]
public sealed class CreateCustomers : Migration
{
    public override void Up(MigrationBuilder migration) => migration.CreateTable("customers", t => t.Column("id").AsInt64().PrimaryKey());
}

[Migration(2, "A statement the database rejects, in a transaction")]
public sealed class Rejected : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.CreateTable("orders", t => t.Column("id").AsInt64().PrimaryKey());
        migration.Sql("THIS IS NOT SQL");
    }

    public override void Down(MigrationBuilder migration) => migration.DropTable("orders");
}
