using MigrationKit.Data.Conversion;
using MigrationKit.Data.Endpoints;
using MigrationKit.Data.Moves;

namespace MigrationKit.Data.MoveRunner;

/// <summary>
/// Scenario 5's moves (the same as samples/LegacyTable's): legacy customers and orders into the new shape, integer keys
/// becoming UUIDs through the id map, the status text becoming a lookup, Unix milliseconds becoming timestamps, in
/// batches of 1,000. The child process and the test that resumes it build them here, so both run the same move.
/// </summary>
public static class ScenarioFiveMoves
{
    public const string Customers = "legacy-customers";

    public const string Orders = "legacy-orders";

    public const int BatchSize = 1_000;

    public static DataMove CustomersMove(IDataEndpoint source, IDataEndpoint target) =>
        DataMove.Named(Customers)
            .From(source, "legacy_customers", "id")
            .To(target, "customers")
            .Map("id", to: "id", DataConvert.ToNewGuid())
            .Map("name", to: "name")
            .Build();

    public static DataMove OrdersMove(IDataEndpoint source, IDataEndpoint target, int batchSize = BatchSize, string name = Orders) =>
        DataMove.Named(name)
            .From(source, "legacy_orders", "id")
            .Where("deleted = 0")
            .To(target, "orders")
            .Map("id", to: "id", DataConvert.ToNewGuid())
            .Map("customer_id", to: "customer_id", DataConvert.ViaIdMap(Customers))
            .Map("customer", to: "customer")
            .Map("status", to: "status_id", DataConvert.Lookup("order_status", "name", "id"))
            .Map("created", to: "created_at", DataConvert.UnixMillisecondsToTimestamp())
            .Map("amount", to: "amount")
            .Map("paid", to: "paid")
            .Map("note", to: "note")
            .BatchSize(batchSize)
            .Build();
}
