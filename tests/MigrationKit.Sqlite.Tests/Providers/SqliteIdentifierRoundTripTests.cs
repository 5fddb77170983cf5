namespace MigrationKit.Sqlite.Tests.Providers;

/// <summary>Names with quotes, spaces, brackets, non-ASCII letters and reserved words survive generation, rebuilds and reading back.</summary>
[TestFixture(SqliteStorage.Memory)]
[TestFixture(SqliteStorage.File)]
public sealed class SqliteIdentifierRoundTripTests(SqliteStorage storage)
{
    private const string Table = "we\"ird tbl";

    [Test]
    public async Task ExecuteOperations_AwkwardIdentifiers_ReadBackAsPredictedAndKeepData()
    {
        await using var db = await SqliteTestDatabase.CreateAsync(storage);

        await db.InTransactionAsync(() => db.ExecuteAndVerifyAsync(m =>
        {
            m.CreateTable(Table, t =>
            {
                t.Column("id").AsInt64().Identity().PrimaryKey();
                t.Column("my col").AsText().Nullable();
                t.Column("order").AsInt32().NotNull().Default(1);
                t.Column("名前").AsString(20).Nullable().Unique();
                t.Column("a'b").AsText().Nullable().Default("x'y");
                t.Column("[br]").AsText().Nullable();
                t.Check("select", "\"order\" >= 0");
            });
            m.CreateTable("group", t =>
            {
                t.Column("key").AsInt64().PrimaryKey();
                t.Column("we\"ird id").AsInt64().Nullable().References(Table);
            });
            m.CreateIndex(Table, "my col", "order").Where("\"my col\" IS NOT NULL").Named("ix \"odd\" [name]");
        }));
        await db.ExecuteAsync(m =>
        {
            m.InsertData(Table, ["my col", "order", "名前", "[br]"], ["v", 3, "名", "b"]);
            m.InsertData("group", ["key", "we\"ird id"], [1L, 1L]);
        });

        await db.InTransactionAsync(() => db.ExecuteAndVerifyAsync(m =>
        {
            m.RenameColumn(Table, "my col", "sélect");
            m.AlterColumn(Table, "order", c => c.AsInt64().NotNull().Default(2));
            m.AddCheckConstraint("group", "key positive", "\"key\" > 0");
            m.RenameTable(Table, "table");
            m.DropColumn("table", "a'b");
            m.RenameColumn("table", "[br]", "when");
            m.DropUniqueConstraint("table", "uq_we\"ird tbl_名前");
        }));

        var table = (await db.ReadAsync()).FindTable(new("table"))!;
        table.Columns.Select(c => c.Name).Should().Equal("id", "sélect", "order", "名前", "when");
        table.Indexes.Should().ContainSingle().Which.Filter.Should().Be("\"sélect\" IS NOT NULL");
        table.CheckConstraints.Should().ContainSingle().Which.Name.Should().Be("ck_we\"ird tbl_select");
        (await db.ReadAsync()).FindTable(new("group"))!.ForeignKeys.Should().ContainSingle().Which.PrincipalTable.Name.Should().Be("table");
        (await db.RowsAsync("SELECT \"sélect\", \"order\", \"名前\", \"when\" FROM \"table\"")).Should().BeEquivalentTo(new[] { new object[] { "v", 3L, "名", "b" } });
        (await db.ScalarAsync("SELECT COUNT(*) FROM \"group\"")).Should().Be(1L);
    }
}
