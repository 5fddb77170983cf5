namespace MigrationKit.Specification.Migrations.Operations.DropColumn;

[Migration(1, "Create items with a legacy column")]
internal sealed class CreateItems : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.CreateTable("items", t =>
        {
            t.Column("id").AsInt64().PrimaryKey();
            t.Column("name").AsString(50);
            t.Column("legacy").AsText().Nullable();
        });
        migration.InsertData("items", ["id", "name", "legacy"], [1L, "one", "old"]);
    }
}

[Migration(2, "Drop the legacy column")]
internal sealed class DropLegacy : Migration
{
    public override void Up(MigrationBuilder migration) => migration.DropColumn("items", "legacy");

    public override void Down(MigrationBuilder migration) => migration.AddColumn("items", "legacy", c => c.AsText().Nullable());
}
