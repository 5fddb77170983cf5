namespace MigrationKit.Specification.Migrations.Operations.AddEveryType;

[Migration(1, "Create items with a row")]
internal sealed class CreateItems : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.CreateTable("items", t => t.Column("id").AsInt64().PrimaryKey());
        migration.InsertData("items", ["id"], [1L]);
    }
}

[Migration(2, "Add a column of every type")]
internal sealed class AddColumns : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.AddColumn("items", "small", c => c.AsInt16().Nullable());
        migration.AddColumn("items", "medium", c => c.AsInt32().Nullable());
        migration.AddColumn("items", "big", c => c.AsInt64().NotNull().Default(42L));
        migration.AddColumn("items", "price", c => c.AsDecimal(10, 2).Nullable());
        migration.AddColumn("items", "ratio", c => c.AsDouble().Nullable());
        migration.AddColumn("items", "code", c => c.AsString(20).NotNull().Default("none"));
        migration.AddColumn("items", "body", c => c.AsText().Nullable());
        migration.AddColumn("items", "flag", c => c.AsBoolean().NotNull().Default(false));
        migration.AddColumn("items", "born", c => c.AsDate().Nullable());
        migration.AddColumn("items", "at", c => c.AsDateTime().Nullable());
        migration.AddColumn("items", "seen", c => c.AsDateTimeOffset().Nullable());
        migration.AddColumn("items", "uid", c => c.AsGuid().Nullable());
        migration.AddColumn("items", "data", c => c.AsBinary().Nullable());
        migration.AddColumn("items", "doc", c => c.AsJson().Nullable());
    }
}
