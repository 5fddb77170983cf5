namespace MigrationKit.Sqlite.Tests.Safety.LongStatement;

[Migration(1, "Create items")]
internal sealed class CreateItems : Migration
{
    public override void Up(MigrationBuilder migration) => migration.CreateTable("items", t => t.Column("id").AsInt64().PrimaryKey());
}

// A statement that counts to a billion (minutes of work). Its first row calls gate(), a function the test registers
// on the connection, which is how the test knows the statement is running before it cancels it.
[Migration(2, "Count to a billion")]
internal sealed class CountToABillion : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.CreateTable("counted", t => t.Column("n").AsInt64());
        migration.Sql("INSERT INTO \"counted\" WITH RECURSIVE c(x) AS (SELECT gate() UNION ALL SELECT x + 1 FROM c WHERE x < 1000000000) SELECT COUNT(*) FROM c");
    }

    public override void Down(MigrationBuilder migration) => migration.DropTable("counted");
}
