using MigrationKit;

// Scenario 4's databases as migrations: the mixed original, and the two it is split into.
namespace MigrationKit.Data.Tests.Scenarios.SplitMigrations.Mixed
{
    [Migration(2025_01_01_0000, "The mixed database")]
    public sealed class CreateMixed : Migration
    {
        public override void Up(MigrationBuilder migration)
        {
            migration.CreateTable("setting_groups", t =>
            {
                t.Column("id").AsInt64().Identity().PrimaryKey();
                t.Column("name").AsString(50).Unique();
            });
            migration.CreateTable("settings", t =>
            {
                t.Column("scope").AsString(50).PrimaryKey();
                t.Column("name").AsString(100).PrimaryKey();
                t.Column("group_id").AsInt64().References("setting_groups");
                t.Column("value").AsText().Nullable();
            });
            migration.CreateTable("strategies", t =>
            {
                t.Column("id").AsInt64().PrimaryKey();
                t.Column("name").AsString(100);
                t.Column("config").AsText();
                t.Column("enabled").AsInt32();
            });
            migration.CreateTable("strategy_runs", t =>
            {
                t.Column("id").AsInt64().Identity().PrimaryKey();
                t.Column("strategy_id").AsInt64().References("strategies");
                t.Column("started").AsInt64();
                t.Column("profit").AsString(20);
            });
        }
    }
}

namespace MigrationKit.Data.Tests.Scenarios.SplitMigrations.Structure
{
    [Migration(2026_12_07_1000, "Setting groups and settings")]
    public sealed class CreateSettings : Migration
    {
        public override void Up(MigrationBuilder migration)
        {
            migration.CreateTable("setting_groups", t =>
            {
                t.Column("id").AsInt64().Identity().PrimaryKey();
                t.Column("name").AsString(50).Unique();
            });
            migration.CreateTable("settings", t =>
            {
                t.Column("scope").AsString(50).PrimaryKey();
                t.Column("name").AsString(100).PrimaryKey();
                t.Column("group_id").AsInt64().References("setting_groups");
                t.Column("value").AsText().Nullable();
            });
        }
    }
}

namespace MigrationKit.Data.Tests.Scenarios.SplitMigrations.Instance
{
    [Migration(2026_12_07_1000, "Strategies with UUID keys and their runs")]
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
}
