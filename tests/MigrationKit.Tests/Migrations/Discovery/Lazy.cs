namespace MigrationKit.Tests.Migrations.Discovery.Lazy;

[Migration(21, "counts its instances")]
internal sealed class Counted : Migration
{
    private static int instances;

    public Counted() => Interlocked.Increment(ref instances);

    public static int Instances => Volatile.Read(ref instances);

    public override void Up(MigrationBuilder migration) => migration.CreateIndex("counted", "a");
}
