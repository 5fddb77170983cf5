namespace MigrationKit.Specification.Migrations.Operations.RawSqlVariant;

[Migration(1, "Create notes")]
internal sealed class CreateNotes : Migration
{
    public override void Up(MigrationBuilder migration) => migration.CreateTable("notes", t =>
    {
        t.Column("id").AsInt32().PrimaryKey();
        t.Column("source").AsString(20);
    });
}

[Migration(2, "Insert a note with raw SQL that has a provider variant")]
internal sealed class InsertNote : Migration
{
    public const string NoProvider = "no-such-provider";

    /// <summary>The provider the variant is written for; a test sets it to the target's provider or to another one.</summary>
    public static string VariantProvider { get; set; } = NoProvider;

    public override void Up(MigrationBuilder migration) =>
        migration.Sql("INSERT INTO \"notes\" (\"id\", \"source\") VALUES (1, 'generic')")
            .For(VariantProvider, "INSERT INTO \"notes\" (\"id\", \"source\") VALUES (1, 'variant')")
            .For("yet-another-provider", "THIS IS NOT SQL");

    public override void Down(MigrationBuilder migration) => migration.Sql("DELETE FROM \"notes\" WHERE \"id\" = 1");
}
