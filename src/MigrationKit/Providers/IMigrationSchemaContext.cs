using MigrationKit.Inspection;

namespace MigrationKit.Providers;

/// <summary>
/// What SQL generation may ask about the database as it stands before the operation being generated: the live
/// schema during a run, or the schema predicted by replaying earlier operations during a dry run.
/// </summary>
public interface IMigrationSchemaContext
{
    /// <summary>The schema just before the operation being generated.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The schema.</returns>
    ValueTask<DatabaseSchema> GetCurrentSchemaAsync(CancellationToken cancellationToken = default);
}
