namespace MigrationKit.PostgreSql.Tests.Safety.Faults
{
    // Four transactional migrations, each creating its table and then taking the advisory lock (4242, N) with a marker
    // that lets a test find the backend running it in pg_stat_activity ("/* fault N */"). A test that holds that lock
    // first (FaultGate) has the migration wait there, mid-migration, for as long as it needs to end its connection.

    /// <summary>Creates <c>fault_N</c>, then takes the advisory lock <c>(4242, N)</c> with the marker <c>/* fault N */</c>.</summary>
    public abstract class FaultMigration : Migration
    {
        protected abstract int Number { get; }

        public override void Up(MigrationBuilder migration)
        {
            migration.CreateTable($"fault_{Number}", t => t.Column("id").AsInt32().PrimaryKey());
            migration.Sql($"SELECT pg_advisory_xact_lock(4242, {Number}) /* fault {Number} */");
        }

        public override void Down(MigrationBuilder migration) => migration.DropTable($"fault_{Number}");
    }

    [Migration(1, "Fault 1")]
    public sealed class Fault1 : FaultMigration
    {
        protected override int Number => 1;
    }

    [Migration(2, "Fault 2")]
    public sealed class Fault2 : FaultMigration
    {
        protected override int Number => 2;
    }

    [Migration(3, "Fault 3")]
    public sealed class Fault3 : FaultMigration
    {
        protected override int Number => 3;
    }

    [Migration(4, "Fault 4")]
    public sealed class Fault4 : FaultMigration
    {
        protected override int Number => 4;
    }
}

namespace MigrationKit.PostgreSql.Tests.Safety.InvalidIndex
{
    [Migration(1, "Create a big table")]
    public sealed class CreateBig : Migration
    {
        public override void Up(MigrationBuilder migration)
        {
            migration.CreateTable("big", t =>
            {
                t.Column("id").AsInt64().PrimaryKey();
                t.Column("payload").AsText().NotNull();
            });
            migration.Sql("INSERT INTO big SELECT g, md5(g::text) FROM generate_series(1, 60000) g");
        }

        public override void Down(MigrationBuilder migration) => migration.DropTable("big");
    }

    [Migration(2, "Index the big table without blocking writes", Transaction = MigrationTransactionMode.None)]
    public sealed class IndexBigConcurrently : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.CreateIndex("big", "payload").Named("ix_big_payload").Concurrently();
    }

    [Migration(3, "After the index")]
    public sealed class AfterIndex : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.CreateTable("after_index", t => t.Column("id").AsInt32().PrimaryKey());
    }
}
