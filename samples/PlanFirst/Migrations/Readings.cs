using MigrationKit;

namespace PlanFirst.Migrations;

[Migration(1, "Create readings")]
public sealed class CreateReadings : Migration
{
    public override void Up(MigrationBuilder migration) => migration.CreateTable("readings", t =>
    {
        t.Column("id").AsInt64().PrimaryKey();
        t.Column("sensor").AsString(20);
        t.Column("value").AsDouble().Nullable();
        t.Column("note").AsString(40).Nullable();
    });
}

// Real volume, generated inside the database so the sample stays fast.
[Migration(2, "Load 300,000 readings")]
public sealed class LoadReadings : Migration
{
    public override void Up(MigrationBuilder migration) => migration.Sql("""
        INSERT INTO "readings" ("id", "sensor", "value", "note")
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300000)
        SELECT i, 'sensor-' || (i % 50), i * 0.5, CASE WHEN i % 1000 = 0 THEN 'checked' END FROM n
        """);

    public override void Down(MigrationBuilder migration) => migration.Sql("DELETE FROM \"readings\"");
}

// The risky change: a column with data dropped, and a column made NOT NULL (a rebuild of 300,000 rows on SQLite).
[Migration(3, "Drop reading notes")]
public sealed class DropNotes : Migration
{
    public override void Up(MigrationBuilder migration) => migration.DropColumn("readings", "note");

    public override void Down(MigrationBuilder migration) => migration.AddColumn("readings", "note", c => c.AsString(40).Nullable());
}

[Migration(4, "Require a reading value")]
public sealed class RequireValue : Migration
{
    public override void Up(MigrationBuilder migration) =>
        migration.AlterColumn("readings", "value", to: c => c.AsDouble().Default(0.0), from: c => c.AsDouble().Nullable());
}
