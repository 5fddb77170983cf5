using MigrationKit;
using MigrationKit.Operations;

namespace QuickStart.Migrations;

[Migration(2026_11_22_0900, "Create agents and tasks")]
public sealed class CreateAgentsAndTasks : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.CreateTable("agents", t =>
        {
            t.Column("id").AsInt64().Identity().PrimaryKey();
            t.Column("name").AsString(100).Unique();
            t.Column("status").AsString(20).Default("idle");
            t.Column("created_at").AsDateTimeOffset().DefaultSql(SqlExpression.CurrentTimestamp);
        });
        migration.CreateTable("tasks", t =>
        {
            t.Column("id").AsGuid().PrimaryKey();
            t.Column("agent_id").AsInt64().References("agents", onDelete: ReferentialAction.Cascade);
            t.Column("payload").AsJson().Nullable();
        });
        migration.CreateIndex("tasks", "agent_id");
    }

    // No Down: every operation above is reversible, so Down is derived.
}
