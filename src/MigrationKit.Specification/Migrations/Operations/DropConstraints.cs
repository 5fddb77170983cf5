using MigrationKit.Operations;

namespace MigrationKit.Specification.Migrations.Operations.DropConstraints;

[Migration(1, "Create owners and pets with constraints")]
internal sealed class CreateTables : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.CreateTable("owners", t =>
        {
            t.Column("id").AsInt64().PrimaryKey();
            t.Column("email").AsString(100).Unique();
        });
        migration.CreateTable("pets", t =>
        {
            t.Column("id").AsInt64().PrimaryKey();
            t.Column("owner_id").AsInt64().References("owners", onDelete: ReferentialAction.Cascade);
            t.Column("legs").AsInt32();
            t.Check("legs", "\"legs\" >= 0");
        });
        migration.InsertData("owners", ["id", "email"], [1L, "a@example.com"]);
        migration.InsertData("pets", ["id", "owner_id", "legs"], [1L, 1L, 4]);
    }
}

[Migration(2, "Drop the check, the foreign key, the unique constraint and the primary key")]
internal sealed class DropConstraints : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.DropCheckConstraint("pets", "ck_pets_legs");
        migration.DropForeignKey("pets", "fk_pets_owner_id_owners");
        migration.DropUniqueConstraint("owners", "uq_owners_email");
        migration.DropPrimaryKey("owners");
    }

    public override void Down(MigrationBuilder migration)
    {
        migration.AddPrimaryKey("owners", "id");
        migration.AddUniqueConstraint("owners", "email");
        migration.AddForeignKey("pets", ["owner_id"], "owners", ["id"], onDelete: ReferentialAction.Cascade);
        migration.AddCheckConstraint("pets", "legs", "\"legs\" >= 0");
    }
}
