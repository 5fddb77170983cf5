namespace MigrationKit.Sqlite.Tests.Providers.RebuildPreservation.Issue12
{
    [Migration(1, "Tables as a real-world database has them")]
    public sealed class CreateTables : Migration
    {
        public const string T = "CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT COLLATE NOCASE UNIQUE, note TEXT,\n               twice INTEGER GENERATED ALWAYS AS (id*2) VIRTUAL, CHECK(length(name)>0)) STRICT";

        public const string W = "CREATE TABLE w(k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID";

        public override void Up(MigrationBuilder migration)
        {
            migration.Sql(T + ";\n" + W + ";\nINSERT INTO t (id, name, note) VALUES (1, 'alice', 'a');\nINSERT INTO w (k, v) VALUES ('x', 'y')");
        }

        public override void Down(MigrationBuilder migration) => migration.Sql("DROP TABLE t; DROP TABLE w");
    }

    [Migration(2, "Notes become required")]
    public sealed class RequireNotes : Migration
    {
        public override void Up(MigrationBuilder migration)
        {
            migration.AlterColumn("t", "note", to: c => c.AsText().NotNull(), from: c => c.AsText().Nullable());
            migration.AlterColumn("w", "v", to: c => c.AsText().NotNull(), from: c => c.AsText().Nullable());
        }
    }
}
