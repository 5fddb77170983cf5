using MigrationKit.Operations;

namespace MigrationKit.Specification.Migrations.Plan;

// The plan fixture builds runners from explicit types: the base (1) plus one change (2, sometimes 3) per case.
[Migration(1, "Plan base: accounts, orders, small keys")]
internal sealed class PlanBase : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.CreateTable("accounts", t =>
        {
            t.Column("id").AsInt64().PrimaryKey();
            t.Column("email").AsString(100).Nullable();
            t.Column("legacy").AsString(20).Nullable();
            t.Column("spare").AsString(20).Nullable();
            t.Column("code").AsString(20).Nullable();
            t.Column("counter").AsInt32().Nullable();
        });
        migration.CreateTable("orders", t =>
        {
            t.Column("id").AsInt64().PrimaryKey();
            t.Column("account_id").AsInt64().Nullable();
            t.Column("note").AsString(20).Nullable();
        });
        migration.CreateIndex("orders", "note");
        migration.Sql("CREATE TABLE \"small_keys\" (\"id\" INTEGER NOT NULL PRIMARY KEY, \"val\" INTEGER NULL)");
    }

    public override void Down(MigrationBuilder migration)
    {
        migration.DropTable("small_keys");
        migration.DropTable("orders");
        migration.DropTable("accounts");
    }
}

[Migration(2, "Index accounts.email")]
internal sealed class IndexEmail : Migration
{
    public override void Up(MigrationBuilder migration) => migration.CreateIndex("accounts", "email");
}

[Migration(2, "Index accounts.email concurrently", Transaction = MigrationTransactionMode.None)]
internal sealed class IndexEmailConcurrently : Migration
{
    public override void Up(MigrationBuilder migration) => migration.CreateIndex("accounts", "email").Concurrently();
}

[Migration(2, "Drop the note index")]
internal sealed class DropNoteIndex : Migration
{
    public override void Up(MigrationBuilder migration) => migration.DropIndex("orders", "ix_orders_note");

    public override void Down(MigrationBuilder migration) => migration.CreateIndex("orders", "note");
}

[Migration(2, "Drop the note index concurrently", Transaction = MigrationTransactionMode.None)]
internal sealed class DropNoteIndexConcurrently : Migration
{
    public override void Up(MigrationBuilder migration) => migration.DropIndex("orders", "ix_orders_note", concurrently: true);

    public override void Down(MigrationBuilder migration) => migration.CreateIndex("orders", "note");
}

[Migration(2, "Widen counter to bigint")]
internal sealed class WidenCounter : Migration
{
    public override void Up(MigrationBuilder migration) => migration.AlterColumn("accounts", "counter", c => c.AsInt64().Nullable(), c => c.AsInt32().Nullable());
}

[Migration(2, "Code to text")]
internal sealed class CodeToText : Migration
{
    public override void Up(MigrationBuilder migration) => migration.AlterColumn("accounts", "code", c => c.AsText().Nullable(), c => c.AsString(20).Nullable());
}

[Migration(2, "Add a column with a volatile default")]
internal sealed class AddVolatileDefault : Migration
{
    public override void Up(MigrationBuilder migration) => migration.AddColumn("accounts", "token", c => c.AsDouble().DefaultSql(SqlExpression.Raw("random()")));
}

[Migration(2, "Add a column with a constant default")]
internal sealed class AddConstantDefault : Migration
{
    public override void Up(MigrationBuilder migration) => migration.AddColumn("accounts", "flags", c => c.AsInt32().Default(0));
}

[Migration(2, "Email not null")]
internal sealed class EmailNotNull : Migration
{
    public override void Up(MigrationBuilder migration) => migration.AlterColumn("accounts", "email", c => c.AsString(100).NotNull(), c => c.AsString(100).Nullable());
}

[Migration(2, "Add a NOT NULL column without default")]
internal sealed class AddRequiredColumn : Migration
{
    public override void Up(MigrationBuilder migration) => migration.AddColumn("accounts", "region", c => c.AsString(10));
}

[Migration(2, "Foreign key orders to accounts")]
internal sealed class OrdersForeignKey : Migration
{
    public override void Up(MigrationBuilder migration) => migration.AddForeignKey("orders", ["account_id"], "accounts", ["id"]);
}

[Migration(2, "Foreign key orders to accounts, not valid")]
internal sealed class OrdersForeignKeyNotValid : Migration
{
    public override void Up(MigrationBuilder migration) => migration.AddForeignKey("orders", ["account_id"], "accounts", ["id"], notValid: true);
}

[Migration(2, "Check counter")]
internal sealed class CheckCounter : Migration
{
    public override void Up(MigrationBuilder migration) => migration.AddCheckConstraint("accounts", "counter_positive", "\"counter\" > 0");
}

[Migration(2, "Check counter, not valid")]
internal sealed class CheckCounterNotValid : Migration
{
    public override void Up(MigrationBuilder migration) => migration.AddCheckConstraint("accounts", "counter_positive", "\"counter\" > 0", notValid: true);
}

[Migration(2, "Check counter and validate at once")]
internal sealed class CheckCounterValidated : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.AddCheckConstraint("accounts", "counter_positive", "\"counter\" > 0", notValid: true);
        migration.ValidateConstraint("accounts", "ck_accounts_counter_positive");
    }

    public override void Down(MigrationBuilder migration) => migration.DropCheckConstraint("accounts", "ck_accounts_counter_positive");
}

[Migration(3, "Validate the counter check")]
internal sealed class ValidateCounterLater : Migration
{
    public override void Up(MigrationBuilder migration) => migration.ValidateConstraint("accounts", "ck_accounts_counter_positive");
}

[Migration(2, "Unique code")]
internal sealed class UniqueCode : Migration
{
    public override void Up(MigrationBuilder migration) => migration.AddUniqueConstraint("accounts", "code");
}

[Migration(2, "Unique email")]
internal sealed class UniqueEmail : Migration
{
    public override void Up(MigrationBuilder migration) => migration.AddUniqueConstraint("accounts", "email");
}

[Migration(2, "Primary key on a keyless table")]
internal sealed class KeyTheLog : Migration
{
    public override void Up(MigrationBuilder migration) => migration.AddPrimaryKey("events", "id");

    public override void Down(MigrationBuilder migration) => migration.DropPrimaryKey("events");
}

[Migration(2, "Drop legacy")]
internal sealed class DropLegacy : Migration
{
    public override void Up(MigrationBuilder migration) => migration.DropColumn("accounts", "legacy");

    public override void Down(MigrationBuilder migration) => migration.AddColumn("accounts", "legacy", c => c.AsString(20).Nullable());
}

[Migration(2, "Drop spare")]
internal sealed class DropSpare : Migration
{
    public override void Up(MigrationBuilder migration) => migration.DropColumn("accounts", "spare");

    public override void Down(MigrationBuilder migration) => migration.AddColumn("accounts", "spare", c => c.AsString(20).Nullable());
}

[Migration(2, "Drop orders")]
internal sealed class DropOrders : Migration
{
    public override void Up(MigrationBuilder migration) => migration.DropTable("orders");

    public override void Down(MigrationBuilder migration) => migration.Sql("SELECT 1");
}

[Migration(2, "Drop an archive schema")]
internal sealed class DropArchiveSchema : Migration
{
    public override void Up(MigrationBuilder migration) => migration.DropSchema("archive");

    public override void Down(MigrationBuilder migration) => migration.CreateSchema("archive");
}

[Migration(2, "Rename note")]
internal sealed class RenameNote : Migration
{
    public override void Up(MigrationBuilder migration) => migration.RenameColumn("orders", "note", "remark");
}

[Migration(2, "Rename orders")]
internal sealed class RenameOrders : Migration
{
    public override void Up(MigrationBuilder migration) => migration.RenameTable("orders", "purchases");
}

[Migration(2, "New table with a 32-bit key")]
internal sealed class CreateInt32Keyed : Migration
{
    public override void Up(MigrationBuilder migration) => migration.CreateTable("tags", t =>
    {
        t.Column("id").AsInt32().PrimaryKey();
        t.Column("name").AsString(20);
    });
}

[Migration(2, "New table with a 64-bit key, a foreign key and its index")]
internal sealed class CreateInt64Keyed : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.CreateTable("labels", t =>
        {
            t.Column("id").AsInt64().PrimaryKey();
            t.Column("account_id").AsInt64().References("accounts");
        });
        migration.CreateIndex("labels", "account_id");
    }
}

[Migration(2, "Touch small keys")]
internal sealed class TouchSmallKeys : Migration
{
    public override void Up(MigrationBuilder migration) => migration.AddColumn("small_keys", "extra", c => c.AsInt32().Nullable());
}

[Migration(2, "New table with an unindexed foreign key")]
internal sealed class CreateUnindexedReference : Migration
{
    public override void Up(MigrationBuilder migration) => migration.CreateTable("payments", t =>
    {
        t.Column("id").AsInt64().PrimaryKey();
        t.Column("account_id").AsInt64().References("accounts");
    });
}

[Migration(2, "Two changes to counter")]
internal sealed class TwoCounterChanges : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.AlterColumn("accounts", "counter", c => c.AsInt64().Nullable(), c => c.AsInt32().Nullable());
        migration.AlterColumn("accounts", "code", c => c.AsString(10).Nullable(), c => c.AsString(20).Nullable());
    }
}

[Migration(2, "Rebuild accounts on SQLite")]
internal sealed class DropCounterDefault : Migration
{
    public override void Up(MigrationBuilder migration) => migration.AlterColumn("accounts", "spare", c => c.AsString(20).Default("none"), c => c.AsString(20).Nullable());
}

[Migration(2, "Raw SQL")]
internal sealed class RawStatements : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.Sql("UPDATE \"accounts\" SET \"spare\" = 'x'");
        migration.Sql("CREATE VIEW \"account_codes\" AS SELECT \"code\" FROM \"accounts\"");
        migration.Sql("REINDEX TABLE \"accounts\"").For("sqlite", "REINDEX \"accounts\"");
    }

    public override void Down(MigrationBuilder migration) => migration.Sql("DROP VIEW \"account_codes\"");
}

[Migration(2, "Raw SQL, targeted update")]
internal sealed class RawTargetedUpdate : Migration
{
    public override void Up(MigrationBuilder migration) => migration.Sql("UPDATE \"accounts\" SET \"spare\" = 'x' WHERE \"id\" = 1");

    public override void Down(MigrationBuilder migration) => migration.Sql("SELECT 1");
}

[Migration(2, "Add nullable column")]
internal sealed class AddNullableColumn : Migration
{
    public override void Up(MigrationBuilder migration) => migration.AddColumn("accounts", "nickname", c => c.AsString(20).Nullable());
}

[Migration(3, "Add another nullable column")]
internal sealed class AddAnotherNullableColumn : Migration
{
    public override void Up(MigrationBuilder migration) => migration.AddColumn("accounts", "motto", c => c.AsString(20).Nullable());
}

[Migration(2, "Add a column, waiting for locks for ever", LockTimeoutMilliseconds = -1)]
internal sealed class LongLockMigration : Migration
{
    public override void Up(MigrationBuilder migration) => migration.AddColumn("accounts", "notes", c => c.AsString(20).Nullable());
}
