using MigrationKit.Providers;

namespace MigrationKit.Statistics;

/// <summary>
/// Reads the live facts a plan is graded with. A provider returns one from
/// <see cref="MigrationProvider.StatisticsReader"/>; the planner calls it once per plan, so an implementation should
/// answer everything in one round trip.
/// </summary>
public interface IDatabaseStatisticsReader
{
    /// <summary>Reads the statistics and runs the data checks of <paramref name="request"/>.</summary>
    /// <param name="session">An open session, outside any transaction.</param>
    /// <param name="request">The tables and checks.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The statistics.</returns>
    Task<DatabaseStatistics> ReadAsync(MigrationSession session, DatabaseStatisticsRequest request, CancellationToken cancellationToken = default);
}
