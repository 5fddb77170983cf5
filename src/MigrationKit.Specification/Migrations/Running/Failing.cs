namespace MigrationKit.Specification.Migrations.Failing;

[Migration(1, "Create items")]
internal sealed class CreateItems : Migration
{
    public override void Up(MigrationBuilder migration) => migration.CreateTable("items", t => t.Column("id").AsInt64().PrimaryKey());
}

[Migration(2, "Half way then broken SQL")]
internal sealed class Broken : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.CreateTable("half", t => t.Column("id").AsInt64().PrimaryKey());
        migration.AddColumn("items", "label", c => c.AsText().Nullable());
        migration.InsertData("items", ["id"], [1L], [2L]);
        migration.Sql("INSERT INTO \"no_such_table\" (\"id\") VALUES (1)");
    }

    public override void Down(MigrationBuilder migration) => migration.DropTable("half");
}
