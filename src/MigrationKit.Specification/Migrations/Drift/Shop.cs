namespace MigrationKit.Specification.Migrations.Drift.Shop;

[Migration(1, "Customers and items")]
internal sealed class CustomersAndItems : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.CreateTable("customers", t =>
        {
            t.Column("id").AsInt64().PrimaryKey();
            t.Column("name").AsString(100).Unique();
        });
        migration.CreateTable("items", t =>
        {
            t.Column("id").AsInt64().PrimaryKey();
            t.Column("customer_id").AsInt64().References("customers");
            t.Column("name").AsString(100);
            t.Column("qty").AsInt32().Default(0);
        });
        migration.CreateIndex("items", "name");
    }
}

[Migration(2, "A view and a check, in raw SQL")]
internal sealed class RawView : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.Sql("CREATE VIEW \"item_names\" AS SELECT \"id\", \"name\" FROM \"items\"");
        migration.AddCheckConstraint("items", "name_not_empty", "length(\"name\") > 0");
    }

    public override void Down(MigrationBuilder migration)
    {
        migration.DropCheckConstraint("items", "ck_items_name_not_empty");
        migration.Sql("DROP VIEW \"item_names\"");
    }
}

[Migration(3, "Notes on items (left pending by the tests)")]
internal sealed class ItemNotes : Migration
{
    public override void Up(MigrationBuilder migration) => migration.AddColumn("items", "note", c => c.AsText().Nullable());
}
