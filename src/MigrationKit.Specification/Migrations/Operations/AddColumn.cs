using MigrationKit.Operations;

namespace MigrationKit.Specification.Migrations.Operations.AddColumn;

[Migration(1, "Create items with a row")]
internal sealed class CreateItems : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.CreateTable("owners", t => t.Column("id").AsInt64().PrimaryKey());
        migration.CreateTable("items", t =>
        {
            t.Column("id").AsInt64().PrimaryKey();
            t.Column("name").AsString(50);
        });
        migration.InsertData("items", ["id", "name"], [1L, "one"]);
    }
}

[Migration(2, "Add columns")]
internal sealed class AddColumns : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.AddColumn("items", "note", c => c.AsText().Nullable());
        migration.AddColumn("items", "qty", c => c.AsInt32().NotNull().Default(1));
        migration.AddColumn("items", "stamp", c => c.AsDateTimeOffset().NotNull().DefaultSql(SqlExpression.CurrentTimestamp));
        migration.AddColumn("items", "code", c => c.AsString(10).Nullable().Unique());
        migration.AddColumn("items", "owner_id", c => c.AsInt64().Nullable().References("owners", onDelete: ReferentialAction.SetNull));
    }
}
