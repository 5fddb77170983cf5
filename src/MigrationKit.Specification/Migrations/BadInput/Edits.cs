// Migrations a test edits after applying them (through a static the test sets and restores), or removes from the code.
namespace MigrationKit.Specification.Migrations.BadInput.Later
{
    [Migration(3, "Add code")]
    internal sealed class AddCode : Migration
    {
        public const int OriginalLength = 10;

        public static int Length { get; set; } = OriginalLength;

        public override void Up(MigrationBuilder migration) => migration.AddColumn("items", "code", c => c.AsString(Length).Nullable());
    }

    [Migration(4, "Create notes")]
    internal sealed class CreateNotes : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.CreateTable("notes", t => t.Column("id").AsInt64().PrimaryKey());
    }

    [Migration(5, "Create tags")]
    internal sealed class CreateTags : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.CreateTable("tags", t => t.Column("id").AsInt64().PrimaryKey());
    }
}

namespace MigrationKit.Specification.Migrations.BadInput.RawSql
{
    [Migration(3, "Raw SQL saved from a file")]
    internal sealed class FromFile : Migration
    {
        public const string Original = "CREATE TABLE \"raw_notes\" (\"id\" INTEGER NOT NULL PRIMARY KEY);\nINSERT INTO \"raw_notes\" (\"id\") VALUES (1);\nINSERT INTO \"raw_notes\" (\"id\") VALUES (2);";

        public static string Sql { get; set; } = Original;

        public override void Up(MigrationBuilder migration) => migration.Sql(Sql);

        public override void Down(MigrationBuilder migration) => migration.DropTable("raw_notes");
    }
}
