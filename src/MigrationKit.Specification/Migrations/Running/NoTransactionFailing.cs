namespace MigrationKit.Specification.Migrations.NoTransactionFailing;

[Migration(1, "Create items")]
internal sealed class CreateItems : Migration
{
    public override void Up(MigrationBuilder migration) => migration.CreateTable("items", t => t.Column("id").AsInt64().PrimaryKey());
}

[Migration(2, "Two statements outside a transaction, the second broken", Transaction = MigrationTransactionMode.None)]
internal sealed class PartlyApplied : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.CreateTable("first_half", t => t.Column("id").AsInt64().PrimaryKey());
        migration.Sql("THIS IS NOT SQL");
    }

    public override void Down(MigrationBuilder migration) => migration.DropTable("first_half");
}
