// Migrations without a Down whose Up has no automatic inverse.
namespace MigrationKit.Specification.Migrations.BadInput.DropColumnNoDown
{
    [Migration(10, "Drop item names")]
    internal sealed class DropNames : Migration
    {
        public override void Up(MigrationBuilder migration)
        {
            migration.DropIndex("items", "ix_items_name");
            migration.DropColumn("items", "name");
        }
    }
}

namespace MigrationKit.Specification.Migrations.BadInput.RawSqlNoDown
{
    [Migration(10, "Raw insert")]
    internal sealed class RawInsert : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.Sql("INSERT INTO \"items\" (\"id\", \"name\") VALUES (3, 'three')");
    }
}

namespace MigrationKit.Specification.Migrations.BadInput.DropTableNoDown
{
    [Migration(10, "Create and drop scratch")]
    internal sealed class CreateScratch : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.CreateTable("scratch", t => t.Column("id").AsInt64().PrimaryKey());

        public override void Down(MigrationBuilder migration) => migration.DropTable("scratch");
    }

    [Migration(11, "Drop scratch")]
    internal sealed class DropScratch : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.DropTable("scratch");
    }
}
