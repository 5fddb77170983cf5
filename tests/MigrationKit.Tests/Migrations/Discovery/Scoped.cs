namespace MigrationKit.Tests.Migrations.Discovery.Scoped
{
    [Migration(1, "outer")]
    internal sealed class Outer : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.DropTable("outer");
    }
}

namespace MigrationKit.Tests.Migrations.Discovery.Scoped.Inner
{
    [Migration(2, "inner")]
    internal sealed class Inner : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.DropTable("inner");
    }
}

namespace MigrationKit.Tests.Migrations.Discovery.ScopedSibling
{
    // Shares the prefix "Scoped" but is not below the Scoped namespace.
    [Migration(3, "sibling")]
    internal sealed class Sibling : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.DropTable("sibling");
    }
}
