using System.Reflection;

namespace MigrationKit.SafetyRunner.Migrations;

/// <summary>A table per version (<c>many_NN</c>, with an index) and a row in <c>applied_log</c>.</summary>
internal abstract class ManyMigration : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        var version = GetType().GetCustomAttribute<MigrationAttribute>()!.Version;
        if (version == 1)
        {
            migration.CreateTable("applied_log", t => t.Column("version").AsInt64().NotNull());
        }

        var table = $"many_{version:00}";
        migration.CreateTable(table, t =>
        {
            t.Column("id").AsInt64().PrimaryKey();
            t.Column("name").AsString(50).NotNull();
        });
        migration.CreateIndex(table, "name");
        migration.InsertData("applied_log", ["version"], [version]);
    }
}
