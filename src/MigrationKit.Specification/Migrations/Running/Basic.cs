namespace MigrationKit.Specification.Migrations.Basic;

[Migration(1, "Create items")]
internal sealed class CreateItems : Migration
{
    public override void Up(MigrationBuilder migration) => migration.CreateTable("items", t =>
    {
        t.Column("id").AsInt64().Identity().PrimaryKey();
        t.Column("name").AsString(50);
    });
}

[Migration(2, "Add price")]
internal sealed class AddPrice : Migration
{
    public override void Up(MigrationBuilder migration) => migration.AddColumn("items", "price", c => c.AsDecimal(10, 2).Nullable());
}

[Migration(3, "Index names")]
internal sealed class IndexNames : Migration
{
    public override void Up(MigrationBuilder migration) => migration.CreateIndex("items", "name");
}
