// Migrations whose Up declares something invalid, one scenario namespace each; each comes after the seed (versions 1, 2).
namespace MigrationKit.Specification.Migrations.BadInput
{
    internal static class LongNames
    {
        /// <summary>64 bytes of ASCII: one byte over PostgreSQL's limit.</summary>
        public static readonly string Ascii64 = new('t', 64);

        /// <summary>32 characters but 64 bytes in UTF-8: over the limit in bytes, not in characters.</summary>
        public static readonly string Multibyte64 = new('\u00e9', 32);
    }
}

namespace MigrationKit.Specification.Migrations.BadInput.EmptyTableName
{
    [Migration(10, "EmptyTableName")]
    internal sealed class EmptyTableName : Migration
    {
        public override void Up(MigrationBuilder migration)
        {
            migration.CreateTable("", t => t.Column("id").AsInt64());
        }
    }
}

namespace MigrationKit.Specification.Migrations.BadInput.WhitespaceColumnName
{
    [Migration(10, "WhitespaceColumnName")]
    internal sealed class WhitespaceColumnName : Migration
    {
        public override void Up(MigrationBuilder migration)
        {
            migration.CreateTable("things", t => t.Column(" \t ").AsInt64());
        }
    }
}

namespace MigrationKit.Specification.Migrations.BadInput.NulInTableName
{
    [Migration(10, "NulInTableName")]
    internal sealed class NulInTableName : Migration
    {
        public override void Up(MigrationBuilder migration)
        {
            migration.CreateTable("thi\0ngs", t => t.Column("id").AsInt64());
        }
    }
}

namespace MigrationKit.Specification.Migrations.BadInput.NulInColumnName
{
    [Migration(10, "NulInColumnName")]
    internal sealed class NulInColumnName : Migration
    {
        public override void Up(MigrationBuilder migration)
        {
            migration.AddColumn("items", "co\0de", c => c.AsText().Nullable());
        }
    }
}

namespace MigrationKit.Specification.Migrations.BadInput.NullTableName
{
    [Migration(10, "NullTableName")]
    internal sealed class NullTableName : Migration
    {
        public override void Up(MigrationBuilder migration)
        {
            migration.CreateTable(null!, t => t.Column("id").AsInt64());
        }
    }
}

namespace MigrationKit.Specification.Migrations.BadInput.NullDefinition
{
    [Migration(10, "NullDefinition")]
    internal sealed class NullDefinition : Migration
    {
        public override void Up(MigrationBuilder migration)
        {
            migration.CreateTable("things", null!);
        }
    }
}

namespace MigrationKit.Specification.Migrations.BadInput.EmptyIndexColumns
{
    [Migration(10, "EmptyIndexColumns")]
    internal sealed class EmptyIndexColumns : Migration
    {
        public override void Up(MigrationBuilder migration)
        {
            migration.CreateIndex("items");
        }
    }
}

namespace MigrationKit.Specification.Migrations.BadInput.TooLongAscii
{
    [Migration(10, "TooLongAscii")]
    internal sealed class TooLongAscii : Migration
    {
        public override void Up(MigrationBuilder migration)
        {
            migration.CreateTable(LongNames.Ascii64, t => t.Column("id").AsInt64());
        }
    }
}

namespace MigrationKit.Specification.Migrations.BadInput.TooLongMultibyte
{
    [Migration(10, "TooLongMultibyte")]
    internal sealed class TooLongMultibyte : Migration
    {
        public override void Up(MigrationBuilder migration)
        {
            migration.AddColumn("items", LongNames.Multibyte64, c => c.AsText().Nullable());
        }
    }
}

namespace MigrationKit.Specification.Migrations.BadInput.EmptyTable
{
    [Migration(10, "EmptyTable")]
    internal sealed class EmptyTable : Migration
    {
        public override void Up(MigrationBuilder migration)
        {
            migration.CreateTable("things", _ => { });
        }
    }
}

namespace MigrationKit.Specification.Migrations.BadInput.SameColumnTwice
{
    [Migration(10, "SameColumnTwice")]
    internal sealed class SameColumnTwice : Migration
    {
        public override void Up(MigrationBuilder migration)
        {
            migration.CreateTable("things", t =>
            {
                t.Column("amount").AsInt64();
                t.Column("amount").AsText();
            });
        }
    }
}

namespace MigrationKit.Specification.Migrations.BadInput.SameColumnDifferentCase
{
    [Migration(10, "SameColumnDifferentCase")]
    internal sealed class SameColumnDifferentCase : Migration
    {
        public override void Up(MigrationBuilder migration)
        {
            migration.CreateTable("things", t =>
            {
                t.Column("label").AsText();
                t.Column("Label").AsText();
            });
        }
    }
}

namespace MigrationKit.Specification.Migrations.BadInput.TwoPrimaryKeys
{
    [Migration(10, "TwoPrimaryKeys")]
    internal sealed class TwoPrimaryKeys : Migration
    {
        public override void Up(MigrationBuilder migration)
        {
            migration.CreateTable("things", t =>
            {
                t.Column("id").AsInt64().PrimaryKey();
                t.Column("code").AsInt64();
                t.PrimaryKey("code");
            });
        }
    }
}

namespace MigrationKit.Specification.Migrations.BadInput.NullablePrimaryKey
{
    [Migration(10, "NullablePrimaryKey")]
    internal sealed class NullablePrimaryKey : Migration
    {
        public override void Up(MigrationBuilder migration)
        {
            migration.CreateTable("things", t => t.Column("id").AsInt64().Nullable().PrimaryKey());
        }
    }
}

namespace MigrationKit.Specification.Migrations.BadInput.PrimaryKeyOnUndeclaredColumn
{
    [Migration(10, "PrimaryKeyOnUndeclaredColumn")]
    internal sealed class PrimaryKeyOnUndeclaredColumn : Migration
    {
        public override void Up(MigrationBuilder migration)
        {
            migration.CreateTable("things", t =>
            {
                t.Column("id").AsInt64();
                t.PrimaryKey("identifier");
            });
        }
    }
}

namespace MigrationKit.Specification.Migrations.BadInput.ColumnWithoutType
{
    [Migration(10, "ColumnWithoutType")]
    internal sealed class ColumnWithoutType : Migration
    {
        public override void Up(MigrationBuilder migration)
        {
            migration.CreateTable("things", t => t.Column("id"));
        }
    }
}

namespace MigrationKit.Specification.Migrations.BadInput.IdentityOnText
{
    [Migration(10, "IdentityOnText")]
    internal sealed class IdentityOnText : Migration
    {
        public override void Up(MigrationBuilder migration)
        {
            migration.CreateTable("things", t => t.Column("id").AsText().Identity().PrimaryKey());
        }
    }
}

namespace MigrationKit.Specification.Migrations.BadInput.ForeignKeyToMissingTable
{
    [Migration(10, "ForeignKeyToMissingTable")]
    internal sealed class ForeignKeyToMissingTable : Migration
    {
        public override void Up(MigrationBuilder migration)
        {
            migration.CreateTable("orders", t =>
            {
                t.Column("id").AsInt64().PrimaryKey();
                t.Column("customer_id").AsInt64().References("customers");
            });
        }
    }
}

namespace MigrationKit.Specification.Migrations.BadInput.ForeignKeyToMissingColumn
{
    [Migration(10, "ForeignKeyToMissingColumn")]
    internal sealed class ForeignKeyToMissingColumn : Migration
    {
        public override void Up(MigrationBuilder migration)
        {
            migration.CreateTable("orders", t =>
            {
                t.Column("id").AsInt64().PrimaryKey();
                t.Column("item_code").AsInt64().References("items", "code");
            });
        }
    }
}

namespace MigrationKit.Specification.Migrations.BadInput.ForeignKeyColumnCountMismatch
{
    [Migration(10, "ForeignKeyColumnCountMismatch")]
    internal sealed class ForeignKeyColumnCountMismatch : Migration
    {
        public override void Up(MigrationBuilder migration)
        {
            migration.CreateTable("orders", t =>
            {
                t.Column("a").AsInt64();
                t.Column("b").AsInt64();
                t.ForeignKey(["a", "b"], "items", ["id"]);
            });
        }
    }
}

namespace MigrationKit.Specification.Migrations.BadInput.AddForeignKeyToMissingTable
{
    [Migration(10, "AddForeignKeyToMissingTable")]
    internal sealed class AddForeignKeyToMissingTable : Migration
    {
        public override void Up(MigrationBuilder migration)
        {
            migration.AddColumn("items", "owner_id", c => c.AsInt64().Nullable());
            migration.AddForeignKey("items", ["owner_id"], "owners", ["id"]);
        }
    }
}

namespace MigrationKit.Specification.Migrations.BadInput.AddColumnToMissingTable
{
    [Migration(10, "AddColumnToMissingTable")]
    internal sealed class AddColumnToMissingTable : Migration
    {
        public override void Up(MigrationBuilder migration)
        {
            migration.AddColumn("ghosts", "name", c => c.AsText().Nullable());
        }
    }
}

namespace MigrationKit.Specification.Migrations.BadInput.AddExistingColumn
{
    [Migration(10, "AddExistingColumn")]
    internal sealed class AddExistingColumn : Migration
    {
        public override void Up(MigrationBuilder migration)
        {
            migration.AddColumn("items", "name", c => c.AsText().Nullable());
        }
    }
}

namespace MigrationKit.Specification.Migrations.BadInput.CreateExistingTable
{
    [Migration(10, "CreateExistingTable")]
    internal sealed class CreateExistingTable : Migration
    {
        public override void Up(MigrationBuilder migration)
        {
            migration.CreateTable("items", t => t.Column("id").AsInt64());
        }
    }
}

namespace MigrationKit.Specification.Migrations.BadInput.DropMissingIndex
{
    [Migration(10, "DropMissingIndex")]
    internal sealed class DropMissingIndex : Migration
    {
        public override void Up(MigrationBuilder migration)
        {
            migration.DropIndex("items", "ix_items_nowhere");
        }

        public override void Down(MigrationBuilder migration)
        {
        }
    }
}

namespace MigrationKit.Specification.Migrations.BadInput.RenameMissingColumn
{
    [Migration(10, "RenameMissingColumn")]
    internal sealed class RenameMissingColumn : Migration
    {
        public override void Up(MigrationBuilder migration)
        {
            migration.RenameColumn("items", "title", "heading");
        }
    }
}

namespace MigrationKit.Specification.Migrations.BadInput.DropMissingTable
{
    [Migration(10, "DropMissingTable")]
    internal sealed class DropMissingTable : Migration
    {
        public override void Up(MigrationBuilder migration)
        {
            migration.DropTable("ghosts");
        }

        public override void Down(MigrationBuilder migration)
        {
        }
    }
}

namespace MigrationKit.Specification.Migrations.BadInput.RawSqlSyntaxError
{
    [Migration(10, "RawSqlSyntaxError")]
    internal sealed class RawSqlSyntaxError : Migration
    {
        public override void Up(MigrationBuilder migration)
        {
            migration.CreateTable("half", t => t.Column("id").AsInt64().PrimaryKey());
            migration.Sql("SELEC \"id\" FRM \"items\"");
        }

        public override void Down(MigrationBuilder migration)
        {
        }
    }
}

namespace MigrationKit.Specification.Migrations.BadInput.EmptyRawSql
{
    [Migration(10, "EmptyRawSql")]
    internal sealed class EmptyRawSql : Migration
    {
        public override void Up(MigrationBuilder migration)
        {
            migration.Sql("   ");
        }
    }
}

namespace MigrationKit.Specification.Migrations.BadInput.InsertRowWrongArity
{
    [Migration(10, "InsertRowWrongArity")]
    internal sealed class InsertRowWrongArity : Migration
    {
        public override void Up(MigrationBuilder migration)
        {
            migration.InsertData("items", ["id", "name"], [3L]);
        }
    }
}

namespace MigrationKit.Specification.Migrations.BadInput.InsertDuplicateKey
{
    [Migration(10, "InsertDuplicateKey")]
    internal sealed class InsertDuplicateKey : Migration
    {
        public override void Up(MigrationBuilder migration)
        {
            migration.InsertData("items", ["id", "name"], [3L, "three"], [1L, "one again"]);
        }
    }
}

namespace MigrationKit.Specification.Migrations.BadInput.ConcurrentIndexInTransaction
{
    [Migration(10, "ConcurrentIndexInTransaction")]
    internal sealed class ConcurrentIndexInTransaction : Migration
    {
        public override void Up(MigrationBuilder migration)
        {
            migration.CreateIndex("items", "id", "name").Concurrently();
        }
    }
}

namespace MigrationKit.Specification.Migrations.BadInput.MixedTransactions
{
    [Migration(10, "Create inside")]
    internal sealed class CreateInside : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.CreateTable("inside", t => t.Column("id").AsInt64().PrimaryKey());
    }

    [Migration(11, "Create outside", Transaction = MigrationTransactionMode.None)]
    internal sealed class CreateOutside : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.CreateTable("outside", t => t.Column("id").AsInt64().PrimaryKey());
    }
}

namespace MigrationKit.Specification.Migrations.BadInput.Steps
{
    [Migration(3, "Create alpha")]
    internal sealed class CreateAlpha : Migration
    {
        public override void Up(MigrationBuilder migration)
        {
            migration.CreateTable("alpha", t => t.Column("id").AsInt64().PrimaryKey());
            migration.InsertData("alpha", ["id"], [1L], [2L]);
            migration.AddColumn("items", "alpha_id", c => c.AsInt64().Nullable());
        }
    }

    [Migration(4, "Create beta")]
    internal sealed class CreateBeta : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.CreateTable("beta", t => t.Column("id").AsInt64().PrimaryKey());
    }
}
