namespace MigrationKit.Specification.Migrations.Operations.DropIndex;

[Migration(1, "Create items with a unique index")]
internal sealed class CreateItems : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.CreateTable("items", t =>
        {
            t.Column("id").AsInt64().PrimaryKey();
            t.Column("code").AsString(20);
        });
        migration.CreateIndex("items", "code").Unique();
    }
}

[Migration(2, "Drop the index")]
internal sealed class DropCodeIndex : Migration
{
    public override void Up(MigrationBuilder migration) => migration.DropIndex("items", "ix_items_code");

    public override void Down(MigrationBuilder migration) => migration.CreateIndex("items", "code").Unique();
}
