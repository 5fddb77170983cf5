using MigrationKit;

namespace QuickStart.Migrations;

[Migration(2026_11_22_0930, "Add task title and seed agents")]
public sealed class AddTaskTitle : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.AddColumn("tasks", "title", c => c.AsString(200).Nullable());
        migration.InsertData("agents", ["name"], ["planner"], ["executor"]);
    }
}
