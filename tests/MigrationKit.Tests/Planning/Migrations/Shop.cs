namespace MigrationKit.Tests.Planning.Migrations.Shop;

// Four migrations for the planner's decisions: 3 runs without a transaction and drops a column, 4 drops a table.

[Migration(1, "customers")]
internal sealed class Customers : Migration
{
    public override void Up(MigrationBuilder migration) => migration.CreateTable("customers", t => t.Column("id").AsInt64().PrimaryKey());
}

[Migration(2, "orders")]
internal sealed class Orders : Migration
{
    public override void Up(MigrationBuilder migration) => migration.CreateTable("orders", t => t.Column("id").AsInt64().PrimaryKey());
}

[Migration(3, "drop legacy column", Transaction = MigrationTransactionMode.None)]
internal sealed class DropLegacy : Migration
{
    public override void Up(MigrationBuilder migration) => migration.DropColumn("orders", "legacy");

    public override void Down(MigrationBuilder migration) => migration.AddColumn("orders", "legacy", c => c.AsText().Nullable());
}

[Migration(4, "drop archive")]
internal sealed class DropArchive : Migration
{
    public override void Up(MigrationBuilder migration) => migration.DropTable("archive");

    public override void Down(MigrationBuilder migration) => migration.CreateTable("archive", t => t.Column("id").AsInt64().PrimaryKey());
}
