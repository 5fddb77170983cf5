using MigrationKit;

namespace SplitDatabase.Migrations.Structure;

/// <summary>The structure database: setting groups and the settings in them.</summary>
[Migration(2026_12_07_1000, "Create setting groups and settings")]
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
