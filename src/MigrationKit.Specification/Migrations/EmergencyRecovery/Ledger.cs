namespace MigrationKit.Specification.Migrations.EmergencyRecovery;

[Migration(1, "Create accounts")]
internal sealed class CreateAccounts : Migration
{
    public override void Up(MigrationBuilder migration) => migration.CreateTable("accounts", t =>
    {
        t.Column("id").AsInt64().PrimaryKey();
        t.Column("owner").AsString(100);
        t.Column("balance").AsInt64();
    });
}

[Migration(2, "Create transfers")]
internal sealed class CreateTransfers : Migration
{
    public override void Up(MigrationBuilder migration) => migration.CreateTable("transfers", t =>
    {
        t.Column("id").AsInt64().PrimaryKey();
        t.Column("amount").AsInt64();
    });
}

[Migration(3, "Archive balances outside a transaction, then a broken statement", Transaction = MigrationTransactionMode.None)]
internal sealed class ArchiveBalances : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.CreateTable("balance_archive", t =>
        {
            t.Column("id").AsInt64().PrimaryKey();
            t.Column("balance").AsInt64();
        });
        migration.Sql("INSERT INTO \"balance_archive\" (\"id\", \"balance\") SELECT \"id\", \"balance\" FROM \"accounts\"");
        migration.Sql("UPDATE \"accounts\" SET \"balance\" = 0");
        migration.Sql("INSERT INTO \"no_such_table\" (\"id\") VALUES (1)");
    }

    public override void Down(MigrationBuilder migration) => migration.DropTable("balance_archive");
}

[Migration(4, "Create statements")]
internal sealed class CreateStatements : Migration
{
    public override void Up(MigrationBuilder migration) => migration.CreateTable("statements", t => t.Column("id").AsInt64().PrimaryKey());
}
