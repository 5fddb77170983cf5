using MigrationKit.Operations;

namespace MigrationKit.Specification.Migrations.Operations.ForeignKeys;

[Migration(1, "Create the referenced tables")]
internal sealed class CreatePrincipals : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.CreateTable("authors", t => t.Column("id").AsInt64().PrimaryKey());
        migration.CreateTable("publishers", t => t.Column("id").AsInt64().PrimaryKey());
        migration.CreateTable("series", t =>
        {
            t.Column("id").AsInt64();
            t.Column("no").AsInt32();
            t.PrimaryKey("id", "no");
        });
    }
}

[Migration(2, "Create books with foreign keys of every action")]
internal sealed class CreateBooks : Migration
{
    public override void Up(MigrationBuilder migration) => migration.CreateTable("books", t =>
    {
        t.Column("id").AsInt64().PrimaryKey();
        t.Column("author_id").AsInt64().References("authors", onDelete: ReferentialAction.Cascade);
        t.Column("publisher_id").AsInt64().Nullable().References("publishers", onDelete: ReferentialAction.SetNull, onUpdate: ReferentialAction.Cascade);
        t.Column("editor_id").AsInt64().Nullable().References("authors", onDelete: ReferentialAction.Restrict);
        t.Column("reviewer_id").AsInt64().Nullable().References("authors");
        t.Column("translator_id").AsInt64().Nullable().References("authors", onDelete: ReferentialAction.SetDefault);
        t.Column("series_id").AsInt64().Nullable();
        t.Column("series_no").AsInt32().Nullable();
        t.ForeignKey(["series_id", "series_no"], "series", ["id", "no"]);
    });
}
