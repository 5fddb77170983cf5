namespace MigrationKit.Tests.DependencyInjection.Targets.Orders;

[Migration(101, "add order notes")]
internal sealed class AddOrderNotes : Migration
{
    public override void Up(MigrationBuilder migration) => migration.AddColumn("orders", "note", c => c.AsText().Nullable());
}

[Migration(100, "create orders")]
internal sealed class CreateOrders : Migration
{
    public override void Up(MigrationBuilder migration) => migration.CreateTable("orders", t => t.Column("id").AsInt64().PrimaryKey());
}
