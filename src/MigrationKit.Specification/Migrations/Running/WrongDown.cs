namespace MigrationKit.Specification.Migrations.WrongDown;

[Migration(1, "Create items")]
internal sealed class CreateItems : Migration
{
    public override void Up(MigrationBuilder migration) => migration.CreateTable("items", t => t.Column("id").AsInt64().PrimaryKey());
}

[Migration(2, "Add column and index, with a Down that forgets the column")]
internal sealed class ForgetfulDown : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.AddColumn("items", "code", c => c.AsString(10).Nullable());
        migration.CreateIndex("items", "code");
    }

    // Wrong on purpose: drops the index but forgets the column.
    public override void Down(MigrationBuilder migration) => migration.DropIndex("items", "ix_items_code");
}

[Migration(3, "Correct migration after the wrong one")]
internal sealed class Correct : Migration
{
    public override void Up(MigrationBuilder migration) => migration.CreateTable("others", t => t.Column("id").AsInt64().PrimaryKey());
}
