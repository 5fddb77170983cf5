namespace MigrationKit.Tests.Migrations.Discovery.Injected;

/// <summary>A service a migration asks for in its constructor.</summary>
internal sealed class TableNames(string audit)
{
    public string Audit { get; } = audit;
}

[Migration(31, "needs a service")]
internal sealed class NeedsService(TableNames names) : Migration
{
    public override void Up(MigrationBuilder migration) => migration.DropTable(names.Audit);
}
