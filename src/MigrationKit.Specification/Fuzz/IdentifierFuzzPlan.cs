namespace MigrationKit.Specification.Fuzz;

/// <summary>
/// What the fuzz migrations create, given to them by the service container: identifier <c>k</c> names a table whose
/// columns are named by identifiers <c>k+1</c> (the key) and <c>k+2</c>, with an index over the second column named
/// <c>"ix " + identifier k</c> (PostgreSQL keeps tables and indexes in one namespace, so the index cannot take a table's
/// name). Every identifier is thus used as a table, a column (twice) and, decorated, an index name.
/// </summary>
internal sealed class IdentifierFuzzPlan(IReadOnlyList<string> identifiers, int batches)
{
    public const string IndexPrefix = "ix ";

    public IReadOnlyList<string> Identifiers => identifiers;

    public int Batches => batches;

    public IEnumerable<int> Batch(int batch)
    {
        var size = (identifiers.Count + batches - 1) / batches;
        return Enumerable.Range(batch * size, Math.Max(0, Math.Min(size, identifiers.Count - (batch * size))));
    }

    public string Table(int k) => identifiers[k];

    public string KeyColumn(int k) => identifiers[(k + 1) % identifiers.Count];

    public string ValueColumn(int k) => identifiers[(k + 2) % identifiers.Count];

    public string Index(int k) => IndexPrefix + identifiers[k];
}
