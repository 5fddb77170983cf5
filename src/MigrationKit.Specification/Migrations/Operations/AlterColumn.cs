namespace MigrationKit.Specification.Migrations.Operations.AlterColumn;

[Migration(1, "Create items with a row")]
internal sealed class CreateItems : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.CreateTable("items", t =>
        {
            t.Column("id").AsInt64().PrimaryKey();
            t.Column("name").AsString(50).Nullable();
            t.Column("qty").AsInt32();
            t.Column("price").AsDecimal(10, 2).Nullable();
        });
        migration.InsertData("items", ["id", "name", "qty", "price"], [1L, "one", 5, 1.5m]);
    }
}

[Migration(2, "Require name, widen qty and price")]
internal sealed class AlterColumns : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.AlterColumn("items", "name", to: c => c.AsString(100).NotNull().Default("unnamed"), from: c => c.AsString(50).Nullable());
        migration.AlterColumn("items", "qty", to: c => c.AsInt64().NotNull(), from: c => c.AsInt32().NotNull());
        migration.AlterColumn("items", "price", to: c => c.AsDecimal(12, 4).Nullable(), from: c => c.AsDecimal(10, 2).Nullable());
    }
}
