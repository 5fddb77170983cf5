namespace MigrationKit.PostgreSql.Tests.Running.PgDump
{
    /// <summary>The script a test produced with <c>pg_dump --schema-only</c>, run verbatim by <see cref="LoadShopSchema"/>.</summary>
    public static class PgDumpScript
    {
        public static string Text { get; set; } = string.Empty;
    }

    [Migration(1, "Load the shop schema from a pg_dump script")]
    public sealed class LoadShopSchema : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.Sql(PgDumpScript.Text);

        public override void Down(MigrationBuilder migration) => migration.Sql("DROP SCHEMA shop CASCADE");
    }

    /// <summary>Unqualified, as migrations name tables: it lands in public only if the dump's empty search_path did not leak.</summary>
    [Migration(2, "Create notes")]
    public sealed class CreateNotes : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.CreateTable("notes", t =>
        {
            t.Column("id").AsInt64().Identity().PrimaryKey();
            t.Column("body").AsText();
        });
    }
}

namespace MigrationKit.PostgreSql.Tests.Running.SessionLeak
{
    /// <summary>Changes search_path, role and a SET variable inside its transaction, and leaves them set.</summary>
    [Migration(1, "Change the session in a transaction")]
    public sealed class ChangeSessionInTransaction : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.Sql(
            "CREATE SCHEMA elsewhere; SELECT pg_catalog.set_config('search_path', 'elsewhere', false); SET work_mem = '1234kB'; SET ROLE mk_leak_probe");

        public override void Down(MigrationBuilder migration) => migration.Sql("DROP SCHEMA elsewhere CASCADE");
    }

    /// <summary>The same without a transaction, where nothing rolls the settings back.</summary>
    [Migration(2, "Change the session without a transaction", Transaction = MigrationTransactionMode.None)]
    public sealed class ChangeSessionWithoutTransaction : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.Sql(
            "SELECT pg_catalog.set_config('search_path', '', false); SET work_mem = '2345kB'; SET ROLE mk_leak_probe");

        public override void Down(MigrationBuilder migration) => migration.Sql("SET search_path = ''; SET ROLE mk_leak_probe");
    }

    /// <summary>Records the session it runs in: unqualified, so it needs a usable search_path.</summary>
    [Migration(3, "Probe the session")]
    public sealed class ProbeSession : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.Sql(
            "CREATE TABLE session_probe AS SELECT current_setting('search_path') AS search_path, current_user::text AS role, current_setting('work_mem') AS work_mem");

        public override void Down(MigrationBuilder migration) => migration.Sql("DROP TABLE session_probe");
    }
}

namespace MigrationKit.PostgreSql.Tests.Running.BrokenBookkeeping
{
    /// <summary>Takes the journal away, so that the runner's own statement that records the migration fails.</summary>
    [Migration(1, "Move the journal away")]
    public sealed class MoveJournalAway : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.Sql("CREATE TABLE kept (id int); ALTER TABLE __migrationkit_journal RENAME TO journal_moved");

        public override void Down(MigrationBuilder migration) => migration.Sql("DROP TABLE kept");
    }
}

namespace MigrationKit.PostgreSql.Tests.Running.IncompleteDown
{
    /// <summary>A Down that forgets the enum and the domain its Up created: only a reader that sees them can tell.</summary>
    [Migration(1, "Create a counter, a mood and a percent")]
    public sealed class CreateTypes : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.Sql(
            "CREATE SEQUENCE counter; CREATE TYPE mood AS ENUM ('sad', 'happy'); CREATE DOMAIN percent AS integer CHECK (VALUE BETWEEN 0 AND 100)");

        public override void Down(MigrationBuilder migration) => migration.Sql("DROP SEQUENCE counter");
    }
}
