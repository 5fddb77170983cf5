namespace MigrationKit.Specification.Migrations.RiskyPolicy;

[Migration(1, "Create notes")]
internal sealed class CreateNotes : Migration
{
    public override void Up(MigrationBuilder migration) => migration.CreateTable("notes", t =>
    {
        t.Column("id").AsInt64().PrimaryKey();
        t.Column("body").AsString(200);
        t.Column("legacy").AsString(20).Nullable();
    });
}

[Migration(2, "Clear note bodies by raw SQL", Destructive = true)]
internal sealed class ClearBodies : Migration
{
    public override void Up(MigrationBuilder migration) => migration.Sql("UPDATE \"notes\" SET \"body\" = ''");

    public override void Down(MigrationBuilder migration) => migration.Sql("SELECT 1");
}

[Migration(3, "Drop the legacy column")]
internal sealed class DropLegacy : Migration
{
    public override void Up(MigrationBuilder migration) => migration.DropColumn("notes", "legacy");

    public override void Down(MigrationBuilder migration) => migration.AddColumn("notes", "legacy", c => c.AsString(20).Nullable());
}
