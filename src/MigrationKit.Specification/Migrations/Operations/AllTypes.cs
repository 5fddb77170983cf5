using MigrationKit.Operations;

namespace MigrationKit.Specification.Migrations.Operations.AllTypes;

[Migration(1, "Create a table with every column type")]
internal sealed class CreateEverything : Migration
{
    public override void Up(MigrationBuilder migration) => migration.CreateTable("everything", t =>
    {
        t.Column("id").AsInt64().Identity().PrimaryKey();
        t.Column("small").AsInt16();
        t.Column("medium").AsInt32().Nullable();
        t.Column("big").AsInt64().Default(42L);
        t.Column("price").AsDecimal(10, 2).Default(9.5m);
        t.Column("ratio").AsDouble().Nullable();
        t.Column("code").AsString(20).Default("new");
        t.Column("body").AsText().Nullable();
        t.Column("flag").AsBoolean().Default(true);
        t.Column("born").AsDate().Nullable();
        t.Column("at").AsDateTime().Nullable();
        t.Column("created_at").AsDateTimeOffset().DefaultSql(SqlExpression.CurrentTimestamp);
        t.Column("uid").AsGuid().Nullable();
        t.Column("data").AsBinary().Nullable();
        t.Column("doc").AsJson().Nullable();
    });
}
