using MigrationKit;

namespace EmergencyRecovery.Migrations;

/// <summary>
/// Runs without a transaction (as a long data move often must), and its last statement has a typo: the archive is
/// created and filled and the balances are zeroed before the failure, and nothing rolls them back.
/// </summary>
[Migration(2026_11_22_1100, "Archive balances and reset them", Transaction = MigrationTransactionMode.None)]
public sealed class ArchiveBalances : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.CreateTable("balance_archive", t =>
        {
            t.Column("account_id").AsInt64().PrimaryKey();
            t.Column("balance").AsInt64();
        });
        migration.Sql("INSERT INTO balance_archive (account_id, balance) SELECT id, balance FROM accounts");
        migration.Sql("UPDATE accounts SET balance = 0");
        migration.Sql("INSERT INTO audit_log (message) VALUES ('balances archived')");
    }

    public override void Down(MigrationBuilder migration) => migration.DropTable("balance_archive");
}
