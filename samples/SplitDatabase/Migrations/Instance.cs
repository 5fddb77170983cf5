using MigrationKit;

namespace SplitDatabase.Migrations.Instance;

/// <summary>The instance database: strategies (UUID keys now) and their runs.</summary>
[Migration(2026_12_07_1000, "Create strategies and their runs")]
public sealed class CreateStrategies : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.CreateTable("strategies", t =>
        {
            t.Column("id").AsGuid().PrimaryKey();
            t.Column("name").AsString(100);
            t.Column("config").AsJson();
            t.Column("enabled").AsBoolean();
        });
        migration.CreateTable("strategy_runs", t =>
        {
            t.Column("id").AsInt64().Identity().PrimaryKey();
            t.Column("strategy_id").AsGuid().References("strategies");
            t.Column("started_at").AsDateTimeOffset();
            t.Column("profit").AsDecimal(12, 2);
        });
    }
}
