namespace MigrationKit.Tests.DependencyInjection.Targets.Billing;

[Migration(200, "create invoices")]
internal sealed class CreateInvoices : Migration
{
    public override void Up(MigrationBuilder migration) => migration.CreateTable("invoices", t => t.Column("id").AsInt64().PrimaryKey());
}
