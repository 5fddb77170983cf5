using MigrationKit;

namespace QuickStart.Migrations;

/// <summary>A riskier change: SQLite cannot alter a column in place, so this rebuilds the table.</summary>
[Migration(2026_11_22_1000, "Require a task title")]
public sealed class RequireTaskTitle : Migration
{
    public override void Up(MigrationBuilder migration) =>
        migration.AlterColumn("tasks", "title",
            to: c => c.AsString(200).Default("untitled"),
            from: c => c.AsString(200).Nullable());
}
