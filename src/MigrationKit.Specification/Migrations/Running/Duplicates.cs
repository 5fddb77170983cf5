namespace MigrationKit.Specification.Migrations.Duplicates;

[Migration(7, "First")]
internal sealed class First : Migration
{
    public override void Up(MigrationBuilder migration) => migration.CreateTable("a", t => t.Column("id").AsInt64());
}

[Migration(7, "Second")]
internal sealed class Second : Migration
{
    public override void Up(MigrationBuilder migration) => migration.CreateTable("b", t => t.Column("id").AsInt64());
}

[Migration(9, "Third")]
internal sealed class Third : Migration
{
    public override void Up(MigrationBuilder migration) => migration.CreateTable("c", t => t.Column("id").AsInt64());
}

[Migration(9, "Fourth")]
internal sealed class Fourth : Migration
{
    public override void Up(MigrationBuilder migration) => migration.CreateTable("d", t => t.Column("id").AsInt64());
}
