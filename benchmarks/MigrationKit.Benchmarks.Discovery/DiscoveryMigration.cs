using System.Globalization;

namespace MigrationKit.Benchmarks.Discovery;

/// <summary>The body shared by the 2,000 generated migrations: one small table each.</summary>
/// <param name="number">The migration's number, which names its table.</param>
public abstract class DiscoveryMigration(int number) : Migration
{
    /// <inheritdoc />
    public override void Up(MigrationBuilder migration)
    {
        ArgumentNullException.ThrowIfNull(migration);
        migration.CreateTable(string.Create(CultureInfo.InvariantCulture, $"discovered_{number:D4}"), t =>
        {
            t.Column("id").AsInt64().PrimaryKey();
            t.Column("name").AsString(100);
        });
    }
}
