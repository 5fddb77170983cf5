using Microsoft.EntityFrameworkCore;

namespace MigrationKit.Benchmarks.Chain;

/// <summary>The EF Core context the chain's EF migrations belong to (<c>[DbContext(typeof(ChainContext))]</c>); it maps no entity.</summary>
/// <param name="options">The options (the SQLite connection string).</param>
public sealed class ChainContext(DbContextOptions<ChainContext> options) : DbContext(options)
{
    /// <summary>Options for the SQLite database at <paramref name="connectionString"/>.</summary>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string.</param>
    /// <returns>The options.</returns>
    public static DbContextOptions<ChainContext> Options(string connectionString) =>
        new DbContextOptionsBuilder<ChainContext>().UseSqlite(connectionString).Options;
}
