namespace MigrationKit.Specification.Migrations.NoTransaction;

[Migration(1, "Create items")]
internal sealed class CreateItems : Migration
{
    public override void Up(MigrationBuilder migration) => migration.CreateTable("items", t => t.Column("id").AsInt64().PrimaryKey());
}

[Migration(2, "Create notes outside a transaction", Transaction = MigrationTransactionMode.None)]
internal sealed class CreateNotes : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.CreateTable("notes", t => t.Column("id").AsInt64().PrimaryKey());
        migration.InsertData("notes", ["id"], [1L], [2L]);
    }
}
