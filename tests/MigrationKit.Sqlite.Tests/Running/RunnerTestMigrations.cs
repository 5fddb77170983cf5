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

namespace MigrationKit.Sqlite.Tests.Running.Failing
{
    [Migration(1, "Create items")]
    public sealed class CreateItems : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.CreateTable("items", t => t.Column("id").AsInt64().PrimaryKey());
    }

    [Migration(2, "Half way then broken SQL")]
    public sealed class Broken : Migration
    {
        public override void Up(MigrationBuilder migration)
        {
            migration.CreateTable("half", t => t.Column("id").AsInt64().PrimaryKey());
            migration.AddColumn("items", "label", c => c.AsText().Nullable());
            migration.InsertData("items", ["id"], [1L], [2L]);
            migration.Sql("INSERT INTO no_such_table VALUES (1)");
        }

        public override void Down(MigrationBuilder migration) => migration.DropTable("half");
    }
}

namespace MigrationKit.Sqlite.Tests.Running.Irreversible
{
    [Migration(1, "Create items")]
    public sealed class CreateItems : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.CreateTable("items", t =>
        {
            t.Column("id").AsInt64().PrimaryKey();
            t.Column("legacy").AsText().Nullable();
        });
    }

    [Migration(2, "Drop legacy column")]
    public sealed class DropLegacy : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.DropColumn("items", "legacy");
    }
}

namespace MigrationKit.Sqlite.Tests.Running.WrongDown
{
    [Migration(1, "Create items")]
    public sealed class CreateItems : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.CreateTable("items", t => t.Column("id").AsInt64().PrimaryKey());
    }

    [Migration(2, "Add column and index, with a Down that forgets the column")]
    public sealed class ForgetfulDown : Migration
    {
        public override void Up(MigrationBuilder migration)
        {
            migration.AddColumn("items", "code", c => c.AsString(10).Nullable());
            migration.CreateIndex("items", "code");
        }

        // Wrong on purpose: drops the index but forgets the column.
        public override void Down(MigrationBuilder migration) => migration.DropIndex("items", "ix_items_code");
    }

    [Migration(3, "Correct migration after the wrong one")]
    public sealed class Correct : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.CreateTable("others", t => t.Column("id").AsInt64().PrimaryKey());
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

namespace MigrationKit.Sqlite.Tests.Running.NoTransactionFailing
{
    [Migration(1, "Create items")]
    public sealed class CreateItems : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.CreateTable("items", t => t.Column("id").AsInt64().PrimaryKey());
    }

    [Migration(2, "Two statements outside a transaction, the second broken", Transaction = MigrationTransactionMode.None)]
    public sealed class PartlyApplied : Migration
    {
        public override void Up(MigrationBuilder migration)
        {
            migration.CreateTable("first_half", t => t.Column("id").AsInt64().PrimaryKey());
            migration.Sql("THIS IS NOT SQL");
        }

        public override void Down(MigrationBuilder migration) => migration.DropTable("first_half");
    }
}

namespace MigrationKit.Sqlite.Tests.Running.RawSql
{
    [Migration(1, "Create items with raw SQL")]
    public sealed class RawItems : Migration
    {
        public static string Sql { get; set; } = "CREATE TABLE items (id INTEGER PRIMARY KEY);\nINSERT INTO items VALUES (1);";

        public override void Up(MigrationBuilder migration) => migration.Sql(Sql);

        public override void Down(MigrationBuilder migration) => migration.DropTable("items");
    }
}

namespace MigrationKit.Sqlite.Tests.Running.Edited
{
    [Migration(1, "Create items")]
    public sealed class CreateItems : Migration
    {
        public static int NameLength { get; set; } = 50;

        public override void Up(MigrationBuilder migration) => migration.CreateTable("items", t =>
        {
            t.Column("id").AsInt64().PrimaryKey();
            t.Column("name").AsString(NameLength);
        });
    }
}

namespace MigrationKit.Sqlite.Tests.Running.BadIdentifier
{
    [Migration(1, "Create a table with an empty column name")]
    public sealed class EmptyColumnName : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.CreateTable("items", t => t.Column(" ").AsInt64());
    }
}

namespace MigrationKit.Sqlite.Tests.Running.Duplicates
{
    [Migration(7, "First")]
    public sealed class First : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.CreateTable("a", t => t.Column("id").AsInt64());
    }

    [Migration(7, "Second")]
    public sealed class Second : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.CreateTable("b", t => t.Column("id").AsInt64());
    }

    [Migration(9, "Third")]
    public sealed class Third : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.CreateTable("c", t => t.Column("id").AsInt64());
    }

    [Migration(9, "Fourth")]
    public sealed class Fourth : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.CreateTable("d", t => t.Column("id").AsInt64());
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
