namespace MigrationKit.Cli.TestMigrations.Broken;

/// <summary>Fails on every database: the table it writes to does not exist.</summary>
[Migration(2026_12_02_0930, "Fill a table that does not exist")]
public sealed class FillMissingTable : Migration
{
    public override void Up(MigrationBuilder migration) => migration.Sql("INSERT INTO no_such_table (id) VALUES (1)");

    public override void Down(MigrationBuilder migration)
    {
    }
}
