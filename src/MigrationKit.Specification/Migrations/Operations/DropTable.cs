namespace MigrationKit.Specification.Migrations.Operations.DropTable;

[Migration(1, "Create two tables")]
internal sealed class CreateTables : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.CreateTable("doomed", t =>
        {
            t.Column("id").AsInt64().PrimaryKey();
            t.Column("name").AsString(50).Nullable();
        });
        migration.CreateTable("kept", t => t.Column("id").AsInt64().PrimaryKey());
    }
}

[Migration(2, "Drop one")]
internal sealed class DropDoomed : Migration
{
    public override void Up(MigrationBuilder migration) => migration.DropTable("doomed");

    public override void Down(MigrationBuilder migration) => migration.CreateTable("doomed", t =>
    {
        t.Column("id").AsInt64().PrimaryKey();
        t.Column("name").AsString(50).Nullable();
    });
}
