namespace MigrationKit.Sqlite.Tests.Running.Basic
{
    [Migration(1, "Create items")]
    public sealed class CreateItems : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.CreateTable("items", t =>
        {
            t.Column("id").AsInt64().Identity().PrimaryKey();
            t.Column("name").AsString(50);
        });
    }

    [Migration(2, "Add price")]
    public sealed class AddPrice : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.AddColumn("items", "price", c => c.AsDecimal(10, 2).Nullable());
    }

    [Migration(3, "Index names")]
    public sealed class IndexNames : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.CreateIndex("items", "name");
    }
}

namespace MigrationKit.Sqlite.Tests.Running.NoTransaction
{
    [Migration(1, "Create items")]
    public sealed class CreateItems : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.CreateTable("items", t => t.Column("id").AsInt64().PrimaryKey());
    }

    [Migration(2, "Vacuum", Transaction = MigrationTransactionMode.None)]
    public sealed class Vacuum : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.Sql("VACUUM");

        public override void Down(MigrationBuilder migration)
        {
            // Nothing to undo: VACUUM changes no schema.
        }
    }
}

namespace MigrationKit.Sqlite.Tests.Running.Rebuild
{
    [Migration(1, "Create items")]
    public sealed class CreateItems : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.CreateTable("items", t =>
        {
            t.Column("id").AsInt64().PrimaryKey();
            t.Column("name").AsString(50).Nullable();
        });
    }

    [Migration(2, "Make name required")]
    public sealed class RequireName : Migration
    {
        public override void Up(MigrationBuilder migration) =>
            migration.AlterColumn("items", "name", to: c => c.AsString(100).Default("unnamed"), from: c => c.AsString(50).Nullable());
    }
}

namespace MigrationKit.Sqlite.Tests.Running.Orphans
{
    [Migration(1, "Key over an orphan row")]
    public sealed class KeyOverOrphan : Migration
    {
        public override void Up(MigrationBuilder migration)
        {
            migration.CreateTable("parents", t => t.Column("id").AsInt64().PrimaryKey());
            migration.CreateTable("children", t =>
            {
                t.Column("id").AsInt64().PrimaryKey();
                t.Column("parent_id").AsInt64();
            });
            migration.InsertData("children", ["id", "parent_id"], [1L, 99L]);
            migration.AddForeignKey("children", ["parent_id"], "parents", ["id"]);
        }
    }
}
