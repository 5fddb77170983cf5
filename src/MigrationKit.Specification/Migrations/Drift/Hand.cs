// Changes made "by hand": each applied by a second runner with history tables of its own, which the test then drops,
// so the shop's history knows nothing of them (as with a change made in a database console).
namespace MigrationKit.Specification.Migrations.Drift.Hand.AddedColumn
{
    [Migration(1, "Add a column by hand")]
    internal sealed class ByHand : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.AddColumn("items", "extra", c => c.AsText().Nullable());
    }
}

namespace MigrationKit.Specification.Migrations.Drift.Hand.DroppedIndex
{
    [Migration(1, "Drop an index by hand")]
    internal sealed class ByHand : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.DropIndex("items", "ix_items_name");
    }
}

namespace MigrationKit.Specification.Migrations.Drift.Hand.ChangedDefault
{
    [Migration(1, "Change a default by hand")]
    internal sealed class ByHand : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.AlterColumn("items", "qty", c => c.AsInt32().Default(5));
    }
}

namespace MigrationKit.Specification.Migrations.Drift.Hand.ChangedType
{
    [Migration(1, "Change a type by hand")]
    internal sealed class ByHand : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.AlterColumn("items", "qty", c => c.AsDouble().Default(0));
    }
}

namespace MigrationKit.Specification.Migrations.Drift.Hand.ExtraTable
{
    [Migration(1, "Create a table by hand")]
    internal sealed class ByHand : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.CreateTable("scratch_notes", t => t.Column("id").AsInt64().PrimaryKey());
    }
}
