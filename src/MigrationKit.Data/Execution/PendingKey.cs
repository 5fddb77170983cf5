namespace MigrationKit.Data.Execution;

/// <summary>
/// In a look before a whole-database move: a reference through the id map of a move that has not run yet, so its new
/// key does not exist yet. Shown in dry runs; never written.
/// </summary>
internal sealed record PendingKey(string MoveName, string SourceKey)
{
    public override string ToString() => $"(new key of {SourceKey}, from move '{MoveName}')";
}
