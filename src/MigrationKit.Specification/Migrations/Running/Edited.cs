namespace MigrationKit.Specification.Migrations.Edited;

[Migration(1, "Create items")]
internal sealed class CreateItems : Migration
{
    public const int OriginalNameLength = 50;

    /// <summary>Set by a test to simulate the migration edited after it was applied.</summary>
    public static int NameLength { get; set; } = OriginalNameLength;

    public override void Up(MigrationBuilder migration) => migration.CreateTable("items", t =>
    {
        t.Column("id").AsInt64().PrimaryKey();
        t.Column("name").AsString(NameLength);
    });
}

[Migration(2, "Add code")]
internal sealed class AddCode : Migration
{
    public override void Up(MigrationBuilder migration) => migration.AddColumn("items", "code", c => c.AsString(10).Nullable());
}
