namespace MigrationKit.PostgreSql.Tests.Running.Basic
{
    [Migration(1, "Create items")]
    public sealed class CreateItems : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.CreateTable("items", t =>
        {
            t.Column("id").AsInt64().Identity().PrimaryKey();
            t.Column("name").AsString(100).Unique();
            t.Column("created_at").AsDateTimeOffset().DefaultSql(Operations.SqlExpression.CurrentTimestamp);
        });
    }

    [Migration(2, "Add item price")]
    public sealed class AddItemPrice : Migration
    {
        public override void Up(MigrationBuilder migration)
        {
            migration.AddColumn("items", "price", c => c.AsDecimal(10, 2).Default(0m));
            migration.CreateIndex("items", "price");
        }
    }
}

namespace MigrationKit.PostgreSql.Tests.Running.Concurrent
{
    [Migration(1, "Create events")]
    public sealed class CreateEvents : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.CreateTable("events", t =>
        {
            t.Column("id").AsInt64().Identity().PrimaryKey();
            t.Column("kind").AsString(20);
        });
    }

    [Migration(2, "Index events by kind without blocking writes", Transaction = MigrationTransactionMode.None)]
    public sealed class IndexEventsConcurrently : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.CreateIndex("events", "kind").Concurrently();
    }
}

namespace MigrationKit.PostgreSql.Tests.Running.ConcurrentInTransaction
{
    [Migration(1, "Create and index events in one transaction")]
    public sealed class CreateAndIndexEvents : Migration
    {
        public override void Up(MigrationBuilder migration)
        {
            migration.CreateTable("events", t => t.Column("kind").AsString(20));
            migration.CreateIndex("events", "kind").Concurrently();
        }
    }
}

namespace MigrationKit.PostgreSql.Tests.Running.Timeouts
{
    [Migration(1, "Create the settings probe")]
    public sealed class CreateProbe : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.CreateTable("probe", t =>
        {
            t.Column("version").AsInt64().PrimaryKey();
            t.Column("lock_timeout").AsText();
            t.Column("statement_timeout").AsText();
        });
    }

    /// <summary>Records the limits each migration ran under.</summary>
    public abstract class ProbeMigration : Migration
    {
        protected abstract long Version { get; }

        public override void Up(MigrationBuilder migration) =>
            migration.Sql($"INSERT INTO probe VALUES ({Version}, current_setting('lock_timeout'), current_setting('statement_timeout'))");

        public override void Down(MigrationBuilder migration) => migration.Sql($"DELETE FROM probe WHERE version = {Version}");
    }

    [Migration(2, "Probe the provider's defaults")]
    public sealed class ProbeDefaults : ProbeMigration
    {
        protected override long Version => 2;
    }

    [Migration(3, "Probe a migration's own limits", LockTimeoutMilliseconds = 1500, StatementTimeoutMilliseconds = 60000)]
    public sealed class ProbeOwnLimits : ProbeMigration
    {
        protected override long Version => 3;
    }

    [Migration(4, "Probe no limits without a transaction", Transaction = MigrationTransactionMode.None, LockTimeoutMilliseconds = -1)]
    public sealed class ProbeNoTransaction : ProbeMigration
    {
        protected override long Version => 4;
    }
}

namespace MigrationKit.PostgreSql.Tests.Running.Blocked
{
    [Migration(1, "Add a column to a busy table")]
    public sealed class AlterBusyTable : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.AddColumn("busy", "extra", c => c.AsInt32().Nullable());
    }
}

namespace MigrationKit.PostgreSql.Tests.Running.LongName
{
    [Migration(1, "Create a table whose name PostgreSQL would truncate")]
    public sealed class CreateLongName : Migration
    {
        public override void Up(MigrationBuilder migration) =>
            migration.CreateTable(new string('t', 64), t => t.Column("id").AsInt32().PrimaryKey());
    }
}
