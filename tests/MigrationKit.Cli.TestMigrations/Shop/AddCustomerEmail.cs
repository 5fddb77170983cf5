using Dapper;

namespace MigrationKit.Cli.TestMigrations.Shop;

[Migration(2026_12_01_1000, "Add customer email")]
public sealed class AddCustomerEmail : Migration
{
    // Built with a type from Dapper, a dependency of this app that the tool does not ship: applying this migration
    // through the tool proves the app's dependencies resolve from its .deps.json.
    private static readonly DbString Unknown = new() { Value = "unknown@example.invalid", Length = 200 };

    public override void Up(MigrationBuilder migration) =>
        migration.AddColumn("customers", "email", c => c.AsString(Unknown.Length).NotNull().Default(Unknown.Value));
}
