using System.Globalization;

namespace MigrationKit.Benchmarks.Chain;

/// <summary>
/// The shape of the chain used by the startup and apply scenarios: migration <c>n</c> creates table <c>chain_n</c>
/// with six columns, a foreign key to <c>chain_(n-1)</c> and an index on that key. MigrationKit, EF Core and raw
/// ADO.NET all build the same tables.
/// </summary>
public static class ChainSchema
{
    /// <summary>How many migrations the chain has (the startup scenario applies all of them).</summary>
    public const int Count = 500;

    /// <summary>The table of migration <paramref name="number"/>.</summary>
    /// <param name="number">The migration's number, from 1.</param>
    /// <returns>The table name.</returns>
    public static string Table(int number) => string.Create(CultureInfo.InvariantCulture, $"chain_{number:D4}");
}
