namespace MigrationKit.Sqlite.Tests.Providers.ServerFeatures.Expression
{
    [Migration(1, "Items with an expression index")]
    public sealed class ItemsWithExpressionIndex : Migration
    {
        public override void Up(MigrationBuilder migration)
        {
            migration.CreateTable("items", t =>
            {
                t.Column("id").AsInt64().PrimaryKey();
                t.Column("name").AsString(50);
                t.Column("note").AsText().Nullable();
            });
            migration.CreateExpressionIndex("items", "ix_items_lower_name", "lower(name)");
        }
    }

    [Migration(2, "Rebuild items")]
    public sealed class RebuildItems : Migration
    {
        public override void Up(MigrationBuilder migration) =>
            migration.AlterColumn("items", "note", to: c => c.AsText().Default(""), from: c => c.AsText().Nullable());
    }
}

namespace MigrationKit.Sqlite.Tests.Providers.ServerFeatures.Gin
{
    [Migration(1, "A GIN index")]
    public sealed class GinIndex : Migration
    {
        public override void Up(MigrationBuilder migration)
        {
            migration.CreateTable("docs", t => t.Column("body").AsText());
            migration.CreateExpressionIndex("docs", "ix_docs_search", "body").Using("gin");
        }
    }
}

namespace MigrationKit.Sqlite.Tests.Providers.ServerFeatures.NotValid
{
    [Migration(1, "Parents and children")]
    public sealed class Tables : Migration
    {
        public override void Up(MigrationBuilder migration)
        {
            migration.CreateTable("parents", t => t.Column("id").AsInt64().PrimaryKey());
            migration.CreateTable("children", t =>
            {
                t.Column("id").AsInt64().PrimaryKey();
                t.Column("parent_id").AsInt64();
            });
        }
    }

    [Migration(2, "Foreign key added NOT VALID, then validated")]
    public sealed class AddKeyNotValid : Migration
    {
        public override void Up(MigrationBuilder migration)
        {
            migration.AddForeignKey("children", ["parent_id"], "parents", ["id"], notValid: true);
            migration.ValidateConstraint("children", "fk_children_parent_id_parents");
        }
    }
}

namespace MigrationKit.Sqlite.Tests.Providers.ServerFeatures.ConcurrentInTransaction
{
    [Migration(1, "Concurrent index inside a transaction")]
    public sealed class Wrong : Migration
    {
        public override void Up(MigrationBuilder migration)
        {
            migration.CreateTable("items", t => t.Column("id").AsInt64());
            migration.CreateIndex("items", "id").Concurrently();
        }
    }
}

namespace MigrationKit.Sqlite.Tests.Providers.ServerFeatures.ConcurrentOutside
{
    [Migration(1, "Items")]
    public sealed class Items : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.CreateTable("items", t => t.Column("id").AsInt64());
    }

    [Migration(2, "Concurrent index without a transaction", Transaction = MigrationTransactionMode.None)]
    public sealed class ConcurrentIndex : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.CreateIndex("items", "id").Concurrently();
    }
}
