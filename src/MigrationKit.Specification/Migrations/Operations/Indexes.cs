namespace MigrationKit.Specification.Migrations.Operations.Indexes;

[Migration(1, "Create items")]
internal sealed class CreateItems : Migration
{
    public override void Up(MigrationBuilder migration) => migration.CreateTable("items", t =>
    {
        t.Column("id").AsInt64().PrimaryKey();
        t.Column("name").AsString(50);
        t.Column("category").AsString(20);
        t.Column("archived_at").AsDateTime().Nullable();
    });
}

[Migration(2, "Create plain, composite unique and filtered indexes")]
internal sealed class CreateIndexes : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.CreateIndex("items", "name");
        migration.CreateIndex("items", "category", "name").Unique();
        migration.CreateIndex("items", "name").Where("\"archived_at\" IS NULL").Named("ix_items_live_names");
    }
}
