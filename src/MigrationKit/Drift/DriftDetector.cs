using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using MigrationKit.Diagnostics;
using MigrationKit.Execution;
using MigrationKit.History;
using MigrationKit.Inspection;
using MigrationKit.Planning;
using MigrationKit.Providers;

namespace MigrationKit.Drift;

/// <summary>
/// Compares the live schema with what the applied migrations create: they are replayed, in version order, into an
/// empty scratch database of the same engine (<see cref="MigrationProvider.CreateShadowAsync"/>), which the same schema
/// reader then reads. Replaying (rather than modelling the operations) lets raw SQL, defaults and expressions come back
/// exactly as the server prints them on both sides.
/// </summary>
internal sealed class DriftDetector(MigrationProvider provider, MigrationPlanner planner, MigrationExecutor executor, MigrationKitOptions options, TimeProvider time, ILogger logger)
{
    public async Task<DriftReport> DetectAsync(CancellationToken cancellationToken)
    {
        using var activity = MigrationKitTelemetry.ActivitySource.StartActivity("MigrationKit.DetectDrift");
        activity?.SetTag(MigrationKitTelemetry.DbSystemName, provider.Name);
        var (applied, repeatables, live) = await executor.WithSessionAsync(lockDatabase: false, async (session, history) =>
        {
            var rows = await history.ExistsAsync(cancellationToken).ConfigureAwait(false) ? await history.GetAppliedAsync(cancellationToken).ConfigureAwait(false) : [];
            var ran = await executor.AppliedRepeatablesAsync(session, cancellationToken).ConfigureAwait(false);
            var schema = await executor.ReadSchemaAsync(session, cancellationToken).ConfigureAwait(false);
            return (rows, ran, schema);
        }, cancellationToken).ConfigureAwait(false);

        // An applied migration missing from the code, or edited since, has no faithful replay: say so as validation does.
        planner.Validate(applied);
        var versions = applied.Select(a => a.Version).Order().ToArray();
        var expected = await ReplayAsync(versions, repeatables, cancellationToken).ConfigureAwait(false);
        var ignored = options.Drift.IgnoredTables.Select(Pattern).ToArray();
        var findings = new List<DriftFinding>();
        await executor.WithSessionAsync(lockDatabase: false, async (session, _) =>
        {
            foreach (var difference in expected.Diff(live).Where(d => !IsIgnored(d, ignored)))
            {
                findings.Add(new DriftFinding(difference, await FixAsync(session, difference, expected, live, cancellationToken).ConfigureAwait(false)));
            }

            return findings;
        }, cancellationToken).ConfigureAwait(false);

        var report = new DriftReport(versions.DefaultIfEmpty(0).Max(), versions, findings);
        Log.DriftDetected(logger, provider.DisplayName, findings.Count, report.Version);
        return report;
    }

    private async Task<DatabaseSchema> ReplayAsync(long[] versions, IReadOnlyList<SqlFiles.RepeatableMigration> repeatables, CancellationToken cancellationToken)
    {
        var shadow = await provider.CreateShadowAsync(cancellationToken).ConfigureAwait(false);
        await using (shadow.ConfigureAwait(false))
        {
            var replay = new MigrationExecutor(shadow.Provider, planner, options, logger, time, MigrationNotifier.Silent(shadow.Provider.Name));
            return await replay.WithSessionAsync(lockDatabase: false, async (session, history) =>
            {
                await replay.EnsureHistoryAsync(session, history, cancellationToken).ConfigureAwait(false);
                var runId = Guid.NewGuid();
                foreach (var version in versions)
                {
                    var migration = planner.Catalog.Find(version)!;
                    try
                    {
                        await replay.ApplyAsync(session, history, planner.Step(migration, MigrationDirection.Up), runId, cancellationToken).ConfigureAwait(false);
                    }
                    catch (MigrationKitException e)
                    {
                        throw new DriftDetectionException(version, $"Drift cannot be detected for {provider.DisplayName}: applied migration {migration} fails when replayed into an empty scratch database ({(e.InnerException ?? e).Message}). A migration that relies on objects made by hand or by another tool cannot be replayed; create those objects in a migration, or add them to MigrationKitOptions.Drift.IgnoredTables and have the migration create them only when missing.", e);
                    }
                }

                // The repeatable SQL files that ran on the live database, as the code has them, after the versioned ones as a run applies them.
                if (repeatables.Count > 0)
                {
                    try
                    {
                        await replay.ApplyRepeatablesAsync(session, history, repeatables, runId, cancellationToken).ConfigureAwait(false);
                    }
                    catch (RepeatableMigrationFailedException e)
                    {
                        throw new DriftDetectionException(versions.DefaultIfEmpty(0).Max(), $"Drift cannot be detected for {provider.DisplayName}: the repeatable migration {e.Path} fails when replayed into an empty scratch database ({(e.InnerException ?? e).Message}). Make it depend only on what the migrations create.", e);
                    }
                }

                return await replay.ReadSchemaAsync(session, cancellationToken).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<string>> FixAsync(MigrationSession session, SchemaDifference difference, DatabaseSchema expected, DatabaseSchema live, CancellationToken cancellationToken)
    {
        var operations = DriftFixes.For(difference, expected, live);
        if (operations.Count == 0)
        {
            return [];
        }

        // Written against the live schema (a SQLite rebuild copies the live table), each fix on its own.
        var context = new ReplaySchemaContext(provider, session, executor.HistoryTables);
        var statements = new List<string>();
        try
        {
            foreach (var operation in operations)
            {
                statements.AddRange(await provider.SqlGenerator.GenerateAsync(operation, context, cancellationToken).ConfigureAwait(false));
                await context.ApplyAsync(operation, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is MigrationKitException or NotSupportedException or ArgumentException)
        {
            // The generator refuses what it cannot write safely; the finding stands without a fix.
            Log.DriftFixNotDerived(logger, difference.ToString(), e.Message);
            return [];
        }

        return statements;
    }

    private static bool IsIgnored(SchemaDifference difference, Regex[] ignored)
    {
        string[] names = difference switch
        {
            { Table: { } table } => [table.Name, table.ToString()],
            { ObjectKind: SchemaObjectKind.View, Name: var view } => [view, view[(view.LastIndexOf('.') + 1)..]],
            _ => [],
        };
        return ignored.Any(p => names.Any(p.IsMatch));
    }

    private static Regex Pattern(string pattern) =>
        new("^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal) + "$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
