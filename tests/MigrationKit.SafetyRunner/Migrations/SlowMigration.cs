using System.Reflection;

namespace MigrationKit.SafetyRunner.Migrations;

/// <summary>A table per version (<c>slow_NN</c>), then a row in <c>applied_log</c>: two statements a kill trial can stop between.</summary>
internal abstract class SlowMigration : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        var version = GetType().GetCustomAttribute<MigrationAttribute>()!.Version;
        if (version == 1)
        {
            migration.CreateTable("applied_log", t => t.Column("version").AsInt64().NotNull());
        }

        migration.CreateTable($"slow_{version:00}", t => t.Column("id").AsInt64().PrimaryKey());
        migration.InsertData("applied_log", ["version"], [version]);
    }
}
