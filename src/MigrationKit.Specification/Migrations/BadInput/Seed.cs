namespace MigrationKit.Specification.Migrations.BadInput.Seed;

// The state every bad-input case starts from: a table with rows and an index, so "unchanged" has something to keep.
[Migration(1, "Create items")]
internal sealed class CreateItems : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.CreateTable("items", t =>
        {
            t.Column("id").AsInt64().PrimaryKey();
            t.Column("name").AsString(50);
        });
        migration.InsertData("items", ["id", "name"], [1L, "one"], [2L, "two"]);
    }

    public override void Down(MigrationBuilder migration) => migration.DropTable("items");
}

[Migration(2, "Index item names")]
internal sealed class IndexNames : Migration
{
    public override void Up(MigrationBuilder migration) => migration.CreateIndex("items", "name");
}
