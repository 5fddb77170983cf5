namespace MigrationKit.Specification.Migrations.Operations.RenameColumn;

[Migration(1, "Create items with an indexed name")]
internal sealed class CreateItems : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.CreateTable("items", t =>
        {
            t.Column("id").AsInt64().PrimaryKey();
            t.Column("name").AsString(50);
        });
        migration.CreateIndex("items", "name");
        migration.InsertData("items", ["id", "name"], [1L, "one"]);
    }
}

[Migration(2, "Rename name to title")]
internal sealed class RenameName : Migration
{
    public override void Up(MigrationBuilder migration) => migration.RenameColumn("items", "name", "title");
}
