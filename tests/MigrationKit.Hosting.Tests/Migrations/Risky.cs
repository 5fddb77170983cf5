namespace MigrationKit.Hosting.Tests.Migrations.Risky;

[Migration(2026_12_02_0900, "Create customers with an email")]
public sealed class CreateCustomers : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.CreateTable("customers", t =>
        {
            t.Column("id").AsInt64().PrimaryKey();
            t.Column("email").AsString(200).Nullable();
        });
        migration.InsertData("customers", ["id", "email"], [1L, "ann@example.com"], [2L, "bob@example.com"]);
    }
}

[Migration(2026_12_02_0930, "Drop the customers' emails")]
public sealed class DropEmails : Migration
{
    public override void Up(MigrationBuilder migration) => migration.DropColumn("customers", "email");

    public override void Down(MigrationBuilder migration) => migration.AddColumn("customers", "email", c => c.AsString(200).Nullable());
}
