using MigrationKit.Data.Conversion;
using MigrationKit.Data.Databases;
using MigrationKit.Data.Endpoints;

namespace MigrationKit.Data.MoveRunner;

/// <summary>
/// The whole-database move the kill trials run, in the child and in the test: a shop (customers, products, orders,
/// order lines, employees managed by employees) whose customers' integer keys become UUIDs, so that orders go through
/// the customers' id map; the employees' self-reference is broken by deferring <c>manager_id</c>.
/// </summary>
public static class TrialDatabaseMove
{
    public const string Name = "shop";

    public static DatabaseMove Build(IDataEndpoint source, IDataEndpoint target, int batchSize) =>
        DatabaseMove.Named(Name)
            .From(source)
            .To(target)
            .Table("customers", t => t.Map("id", to: "id", DataConvert.ToNewGuid()))
            .DeferColumn("employees", "manager_id")
            .BatchSize(batchSize)
            .Build();
}
