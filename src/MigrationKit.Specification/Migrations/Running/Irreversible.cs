namespace MigrationKit.Specification.Migrations.Irreversible;

[Migration(1, "Create items")]
internal sealed class CreateItems : Migration
{
    public override void Up(MigrationBuilder migration) => migration.CreateTable("items", t =>
    {
        t.Column("id").AsInt64().PrimaryKey();
        t.Column("legacy").AsText().Nullable();
    });
}

[Migration(2, "Drop legacy column")]
internal sealed class DropLegacy : Migration
{
    public override void Up(MigrationBuilder migration) => migration.DropColumn("items", "legacy");
}
