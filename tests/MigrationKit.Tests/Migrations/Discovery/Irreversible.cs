namespace MigrationKit.Tests.Migrations.Discovery.Irreversible;

[Migration(12, "drops a column")]
internal sealed class DropsColumn : Migration
{
    public override void Up(MigrationBuilder migration) => migration.DropColumn("users", "email");
}

/// <summary>An <see cref="IMigration"/> written by hand that reports irreversibility without knowing its version.</summary>
[Migration(13, "hand-written")]
internal sealed class HandWritten : IMigration
{
    public void Up(MigrationBuilder migration) => migration.Sql("SELECT 1");

    public void Down(MigrationBuilder migration) => throw new IrreversibleMigrationException(0, nameof(HandWritten), "sql \"SELECT 1\"");
}
