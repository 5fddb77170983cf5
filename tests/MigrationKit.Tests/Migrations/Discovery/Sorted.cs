namespace MigrationKit.Tests.Migrations.Discovery.Sorted;

// Declared out of order on purpose: discovery sorts by version.
[Migration(30, "third")]
internal sealed class Third : Migration
{
    public override void Up(MigrationBuilder migration) => migration.DropTable("third");
}

[Migration(10, "first", Transaction = MigrationTransactionMode.None)]
internal sealed class First : Migration
{
    public override void Up(MigrationBuilder migration) => migration.CreateIndex("first", "a");
}

[Migration(20, "second")]
internal sealed class Second : Migration
{
    public override void Up(MigrationBuilder migration) => migration.DropTable("second");
}

/// <summary>Abstract: a shared base class, not a migration itself.</summary>
internal abstract class MigrationBase : IMigration
{
    public abstract void Up(MigrationBuilder migration);

    public void Down(MigrationBuilder migration) => throw new NotSupportedException();
}

/// <summary>Neither a migration nor marked as one.</summary>
internal sealed class Helper;
