namespace MigrationKit.Benchmarks.Chain;

/// <summary>The MigrationKit body of every chain migration (see <see cref="ChainSchema"/>); Down is derived.</summary>
/// <param name="number">The migration's number, which is also its version.</param>
public abstract class ChainMigration(int number) : Migration
{
    /// <inheritdoc />
    public override void Up(MigrationBuilder migration)
    {
        ArgumentNullException.ThrowIfNull(migration);
        var table = ChainSchema.Table(number);
        migration.CreateTable(table, t =>
        {
            t.Column("id").AsInt64().Identity().PrimaryKey();
            var previous = t.Column("previous_id").AsInt64().Nullable();
            if (number > 1)
            {
                previous.References(ChainSchema.Table(number - 1));
            }

            t.Column("name").AsString(100);
            t.Column("quantity").AsInt32().Default(0);
            t.Column("price").AsDouble().Nullable();
            t.Column("created_at").AsDateTimeOffset();
        });
        migration.CreateIndex(table, "previous_id");
    }
}
