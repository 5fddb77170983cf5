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
        var types = ActiveProviderTypes(migrationBuilder.ActiveProvider);
        migrationBuilder.CreateTable(
            name: table,
            columns: t => new
            {
                id = t.Column<long>(type: types.Int64, nullable: false).Annotation(types.IdentityAnnotation.Name, types.IdentityAnnotation.Value),
                previous_id = t.Column<long>(type: types.Int64, nullable: true),
                name = t.Column<string>(type: types.String100, maxLength: 100, nullable: false),
                quantity = t.Column<int>(type: types.Int32, nullable: false, defaultValue: 0),
                price = t.Column<double>(type: types.Double, nullable: true),
                created_at = t.Column<DateTimeOffset>(type: types.DateTimeOffset, nullable: false),
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

    /// <summary>
    /// The column types of the chain on <paramref name="provider"/> (EF Core's <c>ActiveProvider</c>): what MigrationKit's
    /// provider writes for the same columns, so both sides build the same tables.
    /// </summary>
    /// <param name="provider">The EF Core provider's name.</param>
    /// <returns>The types and the identity annotation.</returns>
    private static ColumnTypes ActiveProviderTypes(string? provider) => provider switch
    {
        "Microsoft.EntityFrameworkCore.Sqlite" => new("INTEGER", "INTEGER", "TEXT", "REAL", "TEXT", ("Sqlite:Autoincrement", true)),
        "Npgsql.EntityFrameworkCore.PostgreSQL" => new("bigint", "integer", "character varying(100)", "double precision", "timestamp with time zone",
            ("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn)),
        _ => throw new NotSupportedException($"The chain has no column types for the EF Core provider '{provider}'."),
    };

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        // The raw baseline's statements (ChainSchema.DownStatements): the index, then the table.
        var table = ChainSchema.Table(number);
        migrationBuilder.DropIndex("ix_" + table + "_previous_id", table);
        migrationBuilder.DropTable(table);
    }
}

/// <summary>The column types of one EF Core provider for the chain's tables.</summary>
/// <param name="Int64">64-bit integers (the key and the foreign key).</param>
/// <param name="Int32">32-bit integers.</param>
/// <param name="String100">Strings of at most 100 characters.</param>
/// <param name="Double">Doubles.</param>
/// <param name="DateTimeOffset">Timestamps with an offset.</param>
/// <param name="IdentityAnnotation">The annotation that makes the key an identity column.</param>
internal sealed record ColumnTypes(string Int64, string Int32, string String100, string Double, string DateTimeOffset, (string Name, object Value) IdentityAnnotation);
