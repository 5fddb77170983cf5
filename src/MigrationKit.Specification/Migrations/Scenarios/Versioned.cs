using MigrationKit.Operations;

namespace MigrationKit.Specification.Migrations.Versioned;

[Migration(1, "Create customers and orders")]
internal sealed class CreateCustomersAndOrders : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.CreateTable("customers", t =>
        {
            t.Column("id").AsInt64().Identity().PrimaryKey();
            t.Column("name").AsString(100);
            t.Column("email").AsString(200).Unique();
        });
        migration.CreateTable("orders", t =>
        {
            t.Column("id").AsInt64().Identity().PrimaryKey();
            t.Column("customer_id").AsInt64().References("customers", onDelete: ReferentialAction.Cascade);
            t.Column("total").AsDecimal(10, 2);
            t.Column("placed_at").AsDateTimeOffset().DefaultSql(SqlExpression.CurrentTimestamp);
            t.Check("positive_total", "total >= 0");
        });
    }
}

[Migration(2, "Add indexes")]
internal sealed class AddIndexes : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.CreateIndex("orders", "customer_id", "placed_at");
        migration.CreateIndex("customers", "name").Unique().Where("name <> ''");
    }
}

[Migration(3, "Add columns and metadata")]
internal sealed class AddColumnsAndMetadata : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.AddColumn("customers", "status", c => c.AsString(20).Default("active"));
        migration.AddColumn("orders", "note", c => c.AsText().Nullable());
        migration.CreateTable("metadata", t =>
        {
            t.Column("key").AsString(100).PrimaryKey();
            t.Column("value").AsText().Nullable();
            t.Column("updated_at").AsDateTime().DefaultSql(SqlExpression.CurrentTimestamp);
        });
    }
}
