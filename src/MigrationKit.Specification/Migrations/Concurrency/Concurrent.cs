namespace MigrationKit.Specification.Migrations.Concurrent;

[Migration(1, "Create counters")]
internal sealed class CreateCounters : Migration
{
    public override void Up(MigrationBuilder migration) => migration.CreateTable("counters", t =>
    {
        t.Column("id").AsInt32().PrimaryKey();
        t.Column("name").AsString(50);
    });
}

// Applied twice, this would fail on the primary key, and the row count would show it.
[Migration(2, "Seed counters")]
internal sealed class SeedCounters : Migration
{
    public override void Up(MigrationBuilder migration) => migration.InsertData("counters", ["id", "name"], [1, "one"], [2, "two"], [3, "three"]);
}

[Migration(3, "Add counter value")]
internal sealed class AddValue : Migration
{
    public override void Up(MigrationBuilder migration) => migration.AddColumn("counters", "value", c => c.AsInt64().NotNull().Default(0L));
}

[Migration(4, "Index counter names")]
internal sealed class IndexNames : Migration
{
    public override void Up(MigrationBuilder migration) => migration.CreateIndex("counters", "name").Unique();
}

[Migration(5, "Create events")]
internal sealed class CreateEvents : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.CreateTable("events", t =>
        {
            t.Column("id").AsInt32().PrimaryKey();
            t.Column("counter_id").AsInt32().References("counters");
        });
        migration.InsertData("events", ["id", "counter_id"], [1, 1], [2, 3]);
    }
}
