namespace MigrationKit.Hosting.Tests.Migrations.PartlyApplied;

[Migration(1, "Create customers")]
public sealed class CreateCustomers : Migration
{
    public override void Up(MigrationBuilder migration) => migration.CreateTable("customers", t => t.Column("id").AsInt64().PrimaryKey());
}

[Migration(2, "Two statements outside a transaction, the second rejected", Transaction = MigrationTransactionMode.None)]
public sealed class HalfDone : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.CreateTable("first_half", t => t.Column("id").AsInt64().PrimaryKey());
        migration.Sql("THIS IS NOT SQL");
    }

    public override void Down(MigrationBuilder migration) => migration.DropTable("first_half");
}
