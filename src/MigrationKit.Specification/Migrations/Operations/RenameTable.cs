namespace MigrationKit.Specification.Migrations.Operations.RenameTable;

[Migration(1, "Create parents and children")]
internal sealed class CreateTables : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.CreateTable("parents", t =>
        {
            t.Column("id").AsInt64().PrimaryKey();
            t.Column("name").AsString(50);
        });
        migration.CreateTable("children", t =>
        {
            t.Column("id").AsInt64().PrimaryKey();
            t.Column("parent_id").AsInt64().References("parents");
        });
        migration.InsertData("parents", ["id", "name"], [1L, "first"]);
        migration.InsertData("children", ["id", "parent_id"], [10L, 1L]);
    }
}

[Migration(2, "Rename parents")]
internal sealed class RenameParents : Migration
{
    public override void Up(MigrationBuilder migration) => migration.RenameTable("parents", "guardians");
}
