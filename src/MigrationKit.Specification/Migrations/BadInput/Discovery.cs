// Migrations that discovery refuses, one scenario namespace each.
namespace MigrationKit.Specification.Migrations.BadInput.DuplicateVersions
{
    [Migration(10, "Create first")]
    internal sealed class CreateFirst : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.CreateTable("first", t => t.Column("id").AsInt64());
    }

    [Migration(10, "Create second")]
    internal sealed class CreateSecond : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.CreateTable("second", t => t.Column("id").AsInt64());
    }
}

namespace MigrationKit.Specification.Migrations.BadInput.NegativeVersion
{
    [Migration(-5, "Negative version")]
    internal sealed class NegativeVersion : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.CreateTable("negative", t => t.Column("id").AsInt64());
    }
}

namespace MigrationKit.Specification.Migrations.BadInput.ZeroVersion
{
    [Migration(0, "Zero version")]
    internal sealed class ZeroVersion : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.CreateTable("zero", t => t.Column("id").AsInt64());
    }
}

namespace MigrationKit.Specification.Migrations.BadInput.EmptyDescription
{
    [Migration(10, "  ")]
    internal sealed class NoDescription : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.CreateTable("nameless", t => t.Column("id").AsInt64());
    }
}

namespace MigrationKit.Specification.Migrations.BadInput.Loose
{
    // Added one by one with AddMigrations: never found by a namespace scan of the cases.
    [Migration(10, "Not a migration")]
    internal sealed class NotAMigration
    {
    }

    internal sealed class NoAttribute : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.CreateTable("unversioned", t => t.Column("id").AsInt64());
    }
}

namespace MigrationKit.Specification.Migrations.BadInput.Uncreatable
{
    [Migration(10, "Needs a service nobody registered")]
    internal sealed class NeedsService(IServiceProvider services) : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.CreateTable(services.ToString() ?? "x", t => t.Column("id").AsInt64());
    }
}
