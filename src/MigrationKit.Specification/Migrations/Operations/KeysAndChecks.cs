namespace MigrationKit.Specification.Migrations.Operations.KeysAndChecks;

[Migration(1, "Create memberships with a composite key, uniques and a check")]
internal sealed class CreateMemberships : Migration
{
    public override void Up(MigrationBuilder migration) => migration.CreateTable("memberships", t =>
    {
        t.Column("group_id").AsInt64();
        t.Column("user_id").AsInt64();
        t.Column("role").AsString(20);
        t.Column("email").AsString(100).Unique();
        t.PrimaryKey("group_id", "user_id");
        t.Unique("group_id", "role");
        t.Check("role_not_empty", "\"role\" <> ''");
    });
}
