namespace MigrationKit.SafetyRunner.Migrations.NoTransaction;

// A non-transactional migration between two transactional ones, for kill -9 trials: killed part way, it leaves
// nt_a without nt_b, and the next runner must refuse to go on until it is repaired. Its statements are idempotent
// (IF NOT EXISTS), so once repaired it can simply run again. Each carries a marker "/* nt step N */" that a test
// stops the runner at (a gate on its ExecutingSql log event) before killing it.

[Migration(1, "Create applied log")]
internal sealed class CreateLog : Migration
{
    public override void Up(MigrationBuilder migration) => migration.CreateTable("applied_log", t => t.Column("version").AsInt64().NotNull());
}

[Migration(2, "Two tables outside a transaction", Transaction = MigrationTransactionMode.None)]
internal sealed class OutsideTransaction : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.Sql("CREATE TABLE IF NOT EXISTS nt_a (id integer) /* nt step 1 */");
        migration.Sql("SELECT 1 /* nt step 2 */");
        migration.Sql("SELECT 2 /* nt step 3 */");
        migration.Sql("CREATE TABLE IF NOT EXISTS nt_b (id integer) /* nt step 4 */");
    }

    public override void Down(MigrationBuilder migration)
    {
        migration.Sql("DROP TABLE IF EXISTS nt_b");
        migration.Sql("DROP TABLE IF EXISTS nt_a");
    }
}

[Migration(3, "Log after the non-transactional step")]
internal sealed class After : Migration
{
    public override void Up(MigrationBuilder migration) => migration.InsertData("applied_log", ["version"], [3L]);
}
