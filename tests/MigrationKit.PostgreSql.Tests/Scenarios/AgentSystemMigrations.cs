using MigrationKit.Operations;

namespace MigrationKit.PostgreSql.Tests.Scenarios.AgentSystem;

// Scenario 3's migrations, the same as the SQLite suite's: one set of migrations for SQLite in tests and PostgreSQL in production.

[Migration(2026_11_22_0900, "Create agents, workflows and tasks")]
public sealed class CreateAgentsWorkflowsAndTasks : Migration
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
        migration.CreateTable("workflows", t =>
        {
            t.Column("id").AsGuid().PrimaryKey();
            t.Column("name").AsString(200);
            t.Column("definition").AsJson();
        });
        migration.CreateTable("tasks", t =>
        {
            t.Column("id").AsGuid().PrimaryKey();
            t.Column("workflow_id").AsGuid().Nullable().References("workflows", onDelete: ReferentialAction.Cascade);
            t.Column("agent_id").AsInt64().Nullable().References("agents", onDelete: ReferentialAction.SetNull);
            t.Column("parent_task_id").AsGuid().Nullable().References("tasks", onDelete: ReferentialAction.Cascade);
            t.Column("title").AsString(200);
            t.Column("status").AsString(20).Default("pending");
            t.Column("priority").AsInt32().Default(0);
            t.Column("payload").AsJson().Nullable();
            t.Check("priority_range", "priority BETWEEN 0 AND 10");
        });
        migration.CreateTable("task_dependencies", t =>
        {
            t.Column("task_id").AsGuid().References("tasks", onDelete: ReferentialAction.Cascade);
            t.Column("depends_on_task_id").AsGuid().References("tasks", onDelete: ReferentialAction.Cascade);
            t.PrimaryKey("task_id", "depends_on_task_id");
        });
        migration.CreateIndex("tasks", "agent_id", "status");
    }
}

[Migration(2026_11_22_0910, "Create messages, health and metrics")]
public sealed class CreateMessagesHealthAndMetrics : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.CreateTable("messages", t =>
        {
            t.Column("id").AsInt64().Identity().PrimaryKey();
            t.Column("from_agent_id").AsInt64().References("agents", onDelete: ReferentialAction.Cascade);
            t.Column("to_agent_id").AsInt64().References("agents", onDelete: ReferentialAction.Cascade);
            t.Column("body").AsText();
            t.Column("sent_at").AsDateTimeOffset();
            t.Column("read_at").AsDateTimeOffset().Nullable();
        });
        migration.CreateIndex("messages", "to_agent_id").Where("read_at IS NULL").Named("ix_messages_unread");
        migration.CreateTable("agent_health", t =>
        {
            t.Column("id").AsInt64().Identity().PrimaryKey();
            t.Column("agent_id").AsInt64().References("agents", onDelete: ReferentialAction.Cascade);
            t.Column("checked_at").AsDateTimeOffset();
            t.Column("healthy").AsBoolean();
            t.Column("details").AsJson().Nullable();
        });
        migration.CreateTable("agent_metrics", t =>
        {
            t.Column("agent_id").AsInt64().References("agents", onDelete: ReferentialAction.Cascade);
            t.Column("name").AsString(100);
            t.Column("recorded_at").AsDateTimeOffset();
            t.Column("value").AsDouble();
            t.PrimaryKey("agent_id", "name", "recorded_at");
        });
        migration.CreateTable("system_metrics", t =>
        {
            t.Column("name").AsString(100);
            t.Column("recorded_at").AsDateTimeOffset();
            t.Column("value").AsDouble();
            t.PrimaryKey("name", "recorded_at");
        });
    }
}
