namespace MigrationKit.Benchmarks.Chain;

// Inside the namespace, so that EF Core's MigrationBuilder wins over MigrationKit's.
using System.Globalization;
using Microsoft.EntityFrameworkCore.Migrations;

/// <summary>
/// The EF Core body of every chain migration: the same table, foreign key and index as <see cref="ChainMigration"/>,
/// written with EF Core's <see cref="MigrationBuilder"/> the way hand-written EF migrations are. No model snapshot:
/// the context has no entity types, so there is no model to compare.
/// </summary>
/// <param name="number">The migration's number.</param>
public abstract class EfChainMigration(int number) : Microsoft.EntityFrameworkCore.Migrations.Migration
{
    /// <summary>The EF Core migration id of migration <paramref name="number"/> (EF Core orders migrations by id).</summary>
    /// <param name="number">The migration's number.</param>
    /// <returns>The id.</returns>
    public static string Id(int number) => string.Create(CultureInfo.InvariantCulture, $"{20260101000000L + number}_Chain{number:D4}");

    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        var table = ChainSchema.Table(number);
        migrationBuilder.CreateTable(
            name: table,
            columns: t => new
            {
                id = t.Column<long>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                previous_id = t.Column<long>(type: "INTEGER", nullable: true),
                name = t.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                quantity = t.Column<int>(type: "INTEGER", nullable: false, defaultValue: 0),
                price = t.Column<double>(type: "REAL", nullable: true),
                created_at = t.Column<DateTimeOffset>(type: "TEXT", nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("pk_" + table, x => x.id);
                if (number > 1)
                {
                    var previous = ChainSchema.Table(number - 1);
                    t.ForeignKey("fk_" + table + "_previous_id_" + previous, x => x.previous_id, previous, "id");
                }
            });
        migrationBuilder.CreateIndex("ix_" + table + "_previous_id", table, "previous_id");
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable(ChainSchema.Table(number));
    }
}
