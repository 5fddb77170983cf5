namespace MigrationKit.Specification.Migrations.Operations.InsertData;

[Migration(1, "Create colors and samples")]
internal sealed class CreateTables : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.CreateTable("colors", t =>
        {
            t.Column("id").AsInt32().PrimaryKey();
            t.Column("name").AsString(20);
            t.Column("hex").AsString(7).Nullable();
        });
        migration.CreateTable("samples", t =>
        {
            t.Column("id").AsInt32().PrimaryKey();
            t.Column("flag").AsBoolean();
            t.Column("price").AsDecimal(10, 2);
            t.Column("ratio").AsDouble();
            t.Column("uid").AsGuid();
            t.Column("at").AsDateTimeOffset();
            t.Column("born").AsDate();
            t.Column("data").AsBinary();
            t.Column("doc").AsJson();
            t.Column("note").AsText().Nullable();
        });
    }
}

[Migration(2, "Insert rows")]
internal sealed class InsertRows : Migration
{
    public static readonly Guid Uid = new("1b4e28ba-2fa1-11d2-883f-0016d3cca427");

    public override void Up(MigrationBuilder migration)
    {
        migration.InsertData("colors", ["id", "name", "hex"], [1, "red", "#ff0000"], [2, "green", null], [3, "it's blue", "#0000ff"]);
        migration.InsertData(
            "samples",
            ["id", "flag", "price", "ratio", "uid", "at", "born", "data", "doc", "note"],
            [1, true, 12.34m, 0.5, Uid, new DateTimeOffset(2026, 11, 22, 9, 30, 0, TimeSpan.Zero), new DateOnly(2000, 2, 29), new byte[] { 0xDE, 0xAD, 0xBE, 0xEF }, "{\"a\":1}", null]);
    }
}
