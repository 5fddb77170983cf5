namespace MigrationKit.Specification.Migrations.RawSql;

[Migration(1, "Create items with raw SQL")]
internal sealed class RawItems : Migration
{
    public const string Original = "CREATE TABLE \"raw_items\" (\"id\" INTEGER NOT NULL PRIMARY KEY);\nINSERT INTO \"raw_items\" (\"id\") VALUES (1);";

    /// <summary>Set by a test to simulate the migration's file saved again with other line endings, or edited.</summary>
    public static string Sql { get; set; } = Original;

    public override void Up(MigrationBuilder migration) => migration.Sql(Sql);

    public override void Down(MigrationBuilder migration) => migration.DropTable("raw_items");
}
