namespace MigrationKit.Specification.Migrations.RollbackDataLoss;

[Migration(1, "Create members")]
internal sealed class CreateMembers : Migration
{
    public override void Up(MigrationBuilder migration) => migration.CreateTable("members", t =>
    {
        t.Column("id").AsInt64().PrimaryKey();
        t.Column("name").AsString(100);
        t.Column("email").AsString(200).Nullable();
    });
}

/// <summary>Its Down adds the column back, empty: the addresses its Up dropped are gone.</summary>
[Migration(2, "Drop member email")]
internal sealed class DropMemberEmail : Migration
{
    public override void Up(MigrationBuilder migration) => migration.DropColumn("members", "email");

    public override void Down(MigrationBuilder migration) => migration.AddColumn("members", "email", c => c.AsString(200).Nullable());
}

/// <summary>Destroys nothing going up; its derived Down drops the index and the column, which may or may not hold values.</summary>
[Migration(3, "Add member nickname")]
internal sealed class AddMemberNickname : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.AddColumn("members", "nickname", c => c.AsString(50).Nullable());
        migration.CreateIndex("members", "nickname");
    }
}
