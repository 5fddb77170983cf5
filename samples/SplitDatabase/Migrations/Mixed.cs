using MigrationKit;

namespace SplitDatabase.Migrations.Mixed;

/// <summary>The original, mixed database: structure and instance data side by side, integer keys, Unix seconds and amounts as text.</summary>
[Migration(2025_01_01_0000, "The mixed database of the first version")]
public sealed class CreateMixedDatabase : Migration
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
