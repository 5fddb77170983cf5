namespace MigrationKit.PostgreSql.Tests.Health.Accounts;

[Migration(1, "Create accounts")]
public sealed class CreateAccounts : Migration
{
    public override void Up(MigrationBuilder migration) => migration.CreateTable("accounts", t =>
    {
        t.Column("id").AsInt64().PrimaryKey();
        t.Column("balance").AsInt32().Default(0);
    });
}
