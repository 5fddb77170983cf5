using MigrationKit.Specification.Fuzz;

namespace MigrationKit.Specification.Migrations.Fuzz;

[Migration(1, "Create the sentinel")]
internal sealed class CreateSentinel : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.CreateTable("sentinel", t => t.Column("id").AsInt64().PrimaryKey());
        migration.InsertData("sentinel", ["id"], [1L]);
    }

    public override void Down(MigrationBuilder migration) => migration.DropTable("sentinel");
}

/// <summary>Creates one batch of the plan's tables, columns and indexes; Down is derived.</summary>
internal abstract class FuzzBatch(IdentifierFuzzPlan plan, int batch) : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        foreach (var k in plan.Batch(batch))
        {
            migration.CreateTable(plan.Table(k), t =>
            {
                t.Column(plan.KeyColumn(k)).AsInt64().PrimaryKey();
                t.Column(plan.ValueColumn(k)).AsString(20).Nullable();
            });
            migration.CreateIndex(plan.Table(k), plan.ValueColumn(k)).Named(plan.Index(k));
        }
    }
}

[Migration(2, "Fuzz batch 1")]
internal sealed class FuzzBatch1(IdentifierFuzzPlan plan) : FuzzBatch(plan, 0);

[Migration(3, "Fuzz batch 2")]
internal sealed class FuzzBatch2(IdentifierFuzzPlan plan) : FuzzBatch(plan, 1);

[Migration(4, "Fuzz batch 3")]
internal sealed class FuzzBatch3(IdentifierFuzzPlan plan) : FuzzBatch(plan, 2);

[Migration(5, "Fuzz batch 4")]
internal sealed class FuzzBatch4(IdentifierFuzzPlan plan) : FuzzBatch(plan, 3);
