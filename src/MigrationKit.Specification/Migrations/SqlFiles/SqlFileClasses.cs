namespace MigrationKit.Specification.Migrations.SqlMixed
{
    /// <summary>A class between two SQL files of the mixing test: version 2 of 1 (file), 2 (class), 3 (file).</summary>
    [Migration(2, "Fluent between files")]
    internal sealed class FluentBetween : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.AddColumn("books", "pages", c => c.AsInt32().Nullable());
    }
}

namespace MigrationKit.Specification.Migrations.SqlRawTwin
{
    /// <summary>The fluent twin of a SQL file: the same raw SQL (with other line endings) must give the same checksum.</summary>
    [Migration(1, "Create books")]
    internal sealed class RawTwin : Migration
    {
        public const string Sql = "CREATE TABLE \"books\" (\"id\" INTEGER NOT NULL PRIMARY KEY, \"title\" VARCHAR(100) NOT NULL);\nINSERT INTO \"books\" (\"id\", \"title\") VALUES (1, 'Dune');";

        public override void Up(MigrationBuilder migration) => migration.Sql(Sql);

        public override void Down(MigrationBuilder migration) => migration.DropTable("books");
    }
}
