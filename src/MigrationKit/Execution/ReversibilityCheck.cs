using MigrationKit.Planning;

namespace MigrationKit.Execution;

/// <summary>
/// Checks that every pending migration's Down undoes its Up: for each, the schema is read before Up, after Up, after
/// Down and after Up again, and compared; the migrations end applied.
/// </summary>
internal sealed class ReversibilityCheck(MigrationPlanner planner, MigrationExecutor executor)
{
    public Task<ReversibilityReport> RunAsync(CancellationToken cancellationToken) =>
        executor.WithSessionAsync(lockDatabase: true, async (session, history) =>
        {
            await executor.EnsureHistoryAsync(session, history, cancellationToken).ConfigureAwait(false);
            var applied = (await history.GetAppliedAsync(cancellationToken).ConfigureAwait(false)).Select(a => a.Version).ToHashSet();
            var runId = Guid.NewGuid();
            var checkedVersions = new List<long>();
            var problems = new List<ReversibilityProblem>();
            foreach (var migration in planner.Pending(applied))
            {
                var up = planner.Step(migration, MigrationDirection.Up);
                var down = planner.Step(migration, MigrationDirection.Down);
                checkedVersions.Add(migration.Version);
                var before = await executor.ReadSchemaAsync(session, cancellationToken).ConfigureAwait(false);
                await executor.ApplyAsync(session, history, up, runId, cancellationToken).ConfigureAwait(false);
                var afterUp = await executor.ReadSchemaAsync(session, cancellationToken).ConfigureAwait(false);
                try
                {
                    await executor.ApplyAsync(session, history, down, runId, cancellationToken).ConfigureAwait(false);
                }
                catch (MigrationKitException e)
                {
                    // Up stays applied, so the migrations after it can still be checked.
                    problems.Add(new ReversibilityProblem(migration.Version, migration.Description, [], e.Message));
                    continue;
                }

                var differences = before.Diff(await executor.ReadSchemaAsync(session, cancellationToken).ConfigureAwait(false));
                try
                {
                    await executor.ApplyAsync(session, history, up, runId, cancellationToken).ConfigureAwait(false);
                }
                catch (MigrationKitException e)
                {
                    // A wrong Down often makes Up fail the second time; report both and go on with the rest.
                    problems.Add(new ReversibilityProblem(migration.Version, migration.Description, differences.Select(d => d.ToString()).ToArray(), "applying Up again after Down failed: " + e.Message) { AfterDown = differences });
                    continue;
                }

                var reapplied = afterUp.Diff(await executor.ReadSchemaAsync(session, cancellationToken).ConfigureAwait(false));
                if (differences.Count > 0 || reapplied.Count > 0)
                {
                    problems.Add(new ReversibilityProblem(migration.Version, migration.Description, [.. differences.Select(d => d.ToString()), .. reapplied.Select(d => "after Down then Up again: " + d)], null)
                    {
                        AfterDown = differences,
                        AfterReapply = reapplied,
                    });
                }
            }

            return new ReversibilityReport(checkedVersions, problems);
        }, cancellationToken);
}
