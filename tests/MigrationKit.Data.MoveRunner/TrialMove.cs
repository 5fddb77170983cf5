using MigrationKit.Data.Conversion;
using MigrationKit.Data.Endpoints;
using MigrationKit.Data.Moves;

namespace MigrationKit.Data.MoveRunner;

/// <summary>The move the kill trials run, in the child and in the test: legacy orders into a new shape, integer keys becoming UUIDs.</summary>
public static class TrialMove
{
    public const string Name = "kill-trial-orders";

    public static DataMove Build(IDataEndpoint source, IDataEndpoint target, int batchSize) =>
        DataMove.Named(Name)
            .From(source, "legacy_orders", "id")
            .Where("deleted = 0")
            .To(target, "orders")
            .Map("id", to: "id", DataConvert.ToNewGuid())
            .Map("customer", to: "customer")
            .Map("amount", to: "amount")
            .Map("created", to: "created_at", DataConvert.UnixMillisecondsToTimestamp())
            .Map("paid", to: "paid")
            .Map("note", to: "note")
            .BatchSize(batchSize)
            .Build();
}
