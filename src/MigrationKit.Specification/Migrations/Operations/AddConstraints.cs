using MigrationKit.Operations;

namespace MigrationKit.Specification.Migrations.Operations.AddConstraints;

[Migration(1, "Create owners and pets without constraints")]
internal sealed class CreateTables : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.CreateTable("owners", t =>
        {
            t.Column("id").AsInt64();
            t.Column("email").AsString(100);
        });
        migration.CreateTable("pets", t =>
        {
            t.Column("id").AsInt64().PrimaryKey();
            t.Column("owner_id").AsInt64();
            t.Column("legs").AsInt32();
        });
        migration.InsertData("owners", ["id", "email"], [1L, "a@example.com"], [2L, "b@example.com"]);
        migration.InsertData("pets", ["id", "owner_id", "legs"], [1L, 1L, 4], [2L, 2L, 2]);
    }
}

[Migration(2, "Add a primary key, a unique constraint, a foreign key and a check to existing tables")]
internal sealed class AddConstraints : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.AddPrimaryKey("owners", "id");
        migration.AddUniqueConstraint("owners", "email");
        migration.AddForeignKey("pets", ["owner_id"], "owners", ["id"], onDelete: ReferentialAction.Cascade);
        migration.AddCheckConstraint("pets", "legs", "\"legs\" >= 0");
    }
}
