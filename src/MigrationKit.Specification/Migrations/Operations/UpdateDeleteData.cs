namespace MigrationKit.Specification.Migrations.Operations.UpdateDeleteData;

[Migration(1, "Create colors with rows")]
internal sealed class CreateColors : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.CreateTable("colors", t =>
        {
            t.Column("id").AsInt32().PrimaryKey();
            t.Column("name").AsString(20);
        });
        migration.InsertData("colors", ["id", "name"], [1, "red"], [2, "green"], [3, "blue"]);
    }
}

[Migration(2, "Rename red, delete blue")]
internal sealed class ChangeColors : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.UpdateData("colors", "id", 1, "name", "crimson");
        migration.DeleteData("colors", "id", 3);
    }

    public override void Down(MigrationBuilder migration)
    {
        migration.InsertData("colors", ["id", "name"], [3, "blue"]);
        migration.UpdateData("colors", "id", 1, "name", "red");
    }
}
