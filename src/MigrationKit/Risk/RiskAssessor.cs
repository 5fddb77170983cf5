using System.Globalization;
using MigrationKit.Checkpoints;
using MigrationKit.History;
using MigrationKit.Inspection;
using MigrationKit.Operations;
using MigrationKit.Planning;
using MigrationKit.Providers;
using MigrationKit.Statistics;

namespace MigrationKit.Risk;

/// <summary>
/// Grades a plan on the live database: scripts every step against the replayed schema, gathers the touched tables and
/// the data checks its rules need, reads them in one statistics round trip, runs the rules, raises each step by the
/// context (no checkpoint for a destructive step, activity on the tables now, foreign-key fan-in, volume), and adds the
/// safeguards and the estimates.
/// </summary>
internal sealed class RiskAssessor(MigrationProvider provider, MigrationKitOptions options, IReadOnlyList<QualifiedName> historyTables, TimeProvider time)
{
    private static readonly MigrationLockLevel[] Blocking = [MigrationLockLevel.Share, MigrationLockLevel.ShareRowExclusive, MigrationLockLevel.Exclusive, MigrationLockLevel.AccessExclusive];

    public async Task<MigrationPlanReport> AssessAsync(MigrationSession session, IMigrationHistory history, MigrationPlan plan, string fingerprint, CancellationToken cancellationToken)
    {
        var context = new ReplaySchemaContext(provider, session, historyTables);
        var live = await context.GetCurrentSchemaAsync(cancellationToken).ConfigureAwait(false);
        var created = new HashSet<QualifiedName>();
        var renamedFrom = new Dictionary<QualifiedName, QualifiedName>();
        var units = new List<(MigrationPlanStep Step, MigrationOperation Operation, IReadOnlyList<MigrationCommand> Commands, DatabaseSchema Before, HashSet<QualifiedName> Created, Dictionary<QualifiedName, QualifiedName> Renamed, IReadOnlyList<RawSqlStatement> Raw)>();
        var scripted = new List<MigrationPlanStep>(plan.Steps.Count);
        foreach (var step in plan.Steps)
        {
            var stepCommands = new List<MigrationCommand>();
            foreach (var operation in step.Operations)
            {
                var before = await context.GetCurrentSchemaAsync(cancellationToken).ConfigureAwait(false);
                var commands = await provider.SqlGenerator.GenerateCommandsAsync(operation, context, cancellationToken).ConfigureAwait(false);
                stepCommands.AddRange(commands);
                var raw = operation is SqlOperation sql ? RawSqlClassifier.Classify(sql.SqlFor(provider.Name)) : [];
                units.Add((step, operation, commands, before, [.. created], new Dictionary<QualifiedName, QualifiedName>(renamedFrom), raw));
                await context.ApplyAsync(operation, cancellationToken).ConfigureAwait(false);
                Track(operation, created, renamedFrom);
            }

            scripted.Add(step.WithCommands(stepCommands));
        }

        var after = await context.GetCurrentSchemaAsync(cancellationToken).ConfigureAwait(false);
        var hasTableLocks = units.Any(u => u.Commands.Any(c => c.LockLevel is not null));
        var contexts = units.Select(u =>
        {
            var stepUnits = units.Where(x => ReferenceEquals(x.Step, u.Step)).ToArray();
            var rewriting = new HashSet<MigrationOperation>(stepUnits.Where(x => x.Commands.Any(c => c.RewritesTable)).Select(x => x.Operation), ReferenceEqualityComparer.Instance);
            var firstStrong = stepUnits.FirstOrDefault(x => x.Commands.Any(c => c.LockLevel >= MigrationLockLevel.Share && c.Tables.Any(t => !x.Created.Contains(t))));
            return new RiskRuleContext
            {
                Operation = u.Operation,
                Commands = u.Commands,
                SchemaBefore = u.Before,
                SchemaAfterPlan = after,
                CreatedEarlier = u.Created,
                RenamedFrom = u.Renamed,
                Step = u.Step,
                StepOperations = stepUnits.Select(x => x.Operation).ToArray(),
                RewritingOperations = rewriting,
                IsFirstStrongLock = firstStrong.Operation is not null && ReferenceEquals(firstStrong.Operation, u.Operation),
                RawStatements = u.Raw,
                Options = options.Risk,
                HasTableLocks = hasTableLocks,
                LockTimeout = provider.LockTimeoutFor(u.Step.Migration.Info),
            };
        }).ToArray();

        var statistics = await ReadStatisticsAsync(session, contexts, live, cancellationToken).ConfigureAwait(false);
        var journal = await history.ExistsAsync(cancellationToken).ConfigureAwait(false) ? await history.GetJournalAsync(cancellationToken).ConfigureAwait(false) : [];
        var checkpointFirst = await CheckpointPlannedAsync(plan, cancellationToken).ConfigureAwait(false);

        var reports = new List<PlanStepReport>(plan.Steps.Count);
        foreach (var step in scripted)
        {
            var mine = contexts.Where(c => c.Step.Version == step.Version).ToArray();
            var findings = new List<RiskFinding>();
            foreach (var rule in mine)
            {
                rule.Statistics = statistics;
                foreach (var riskRule in RiskRules.All)
                {
                    findings.AddRange(riskRule.Evaluate(rule));
                }
            }

            var level = findings.Count == 0 ? RiskLevel.Low : findings.Max(f => f.Level);
            level = RaiseByContext(mine, live, statistics, checkpointFirst || options.Checkpoints.Policy == CheckpointPolicy.BeforeHighRisk && CheckpointsPossible(), findings, level);
            reports.Add(new PlanStepReport(step.Version, step.Description, step.Direction)
            {
                Transactional = step.Transactional,
                Commands = step.Commands,
                Level = level,
                Findings = findings.OrderByDescending(f => f.Level).ToArray(),
                Safeguards = Safeguards(step, mine, findings, checkpointFirst || options.Checkpoints.Policy == CheckpointPolicy.BeforeHighRisk && CheckpointsPossible() && level >= RiskLevel.High),
                Estimate = Estimate(step, mine, statistics, journal),
            });
        }

        var touched = after.Tables.Where(t => units.Any(u => u.Commands.Any(c => c.Tables.Contains(t.Name)) || u.Raw.Any(r => r.Table == t.Name))).ToArray();
        return new MigrationPlanReport(plan with { Steps = scripted }, provider.DisplayName, time.GetUtcNow(), reports, statistics, new DatabaseSchema(touched)) { HistoryFingerprint = fingerprint };
    }

    /// <summary>A fingerprint of what a plan was made on: the applied versions and their checksums.</summary>
    public static string Fingerprint(IEnumerable<AppliedMigration> applied) =>
        string.Join(",", applied.OrderBy(a => a.Version).Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.Version}:{a.Checksum}")));

    private static void Track(MigrationOperation operation, HashSet<QualifiedName> created, Dictionary<QualifiedName, QualifiedName> renamedFrom)
    {
        switch (operation)
        {
            case CreateTableOperation create:
                created.Add(create.Table);
                break;
            case RenameTableOperation rename:
                var renamed = rename.Table with { Name = rename.NewName };
                if (created.Remove(rename.Table))
                {
                    created.Add(renamed);
                }
                else
                {
                    renamedFrom[renamed] = renamedFrom.GetValueOrDefault(rename.Table, rename.Table);
                }

                break;
            case DropTableOperation drop:
                created.Remove(drop.Table);
                break;
        }
    }

    private async Task<DatabaseStatistics?> ReadStatisticsAsync(MigrationSession session, IReadOnlyList<RiskRuleContext> contexts, DatabaseSchema live, CancellationToken cancellationToken)
    {
        if (provider.StatisticsReader is not { } reader)
        {
            return null;
        }

        var tables = contexts
            .SelectMany(c => c.Commands.SelectMany(m => m.Tables).Concat(c.RawStatements.Where(r => r.Table is not null).Select(r => r.Table!))
                .Where(t => !c.IsNew(t)).Select(t => c.RenamedFrom.GetValueOrDefault(t, t)))
            .Where(t => live.FindTable(t) is not null)
            .Distinct()
            .ToArray();
        var checks = options.Risk.RunDataChecks
            ? contexts.SelectMany(c => RiskRules.All.SelectMany(r => r.Checks(c))).Where(c => live.FindTable(c.Table) is not null).Distinct(DataCheckComparer.Instance).ToArray()
            : [];
        var request = new DatabaseStatisticsRequest(tables, checks)
        {
            ExactCountBelowRows = options.Risk.ExactCountBelowRows,
            CountExactly = options.Risk.CountExactly,
            LongTransaction = options.Risk.LongTransaction,
        };
        return await reader.ReadAsync(session, request, cancellationToken).ConfigureAwait(false);
    }

    private bool CheckpointsPossible() => options.Checkpoints.Directory is not null && provider.CreateBackup(options.History) is not null;

    private async Task<bool> CheckpointPlannedAsync(MigrationPlan plan, CancellationToken cancellationToken) =>
        CheckpointsPossible() && await CheckpointDecision.ReasonAsync(options.Checkpoints, plan, cancellationToken).ConfigureAwait(false) is not null;

    private RiskLevel RaiseByContext(IReadOnlyList<RiskRuleContext> contexts, DatabaseSchema live, DatabaseStatistics? statistics, bool checkpointAvailable, List<RiskFinding> findings, RiskLevel level)
    {
        static RiskLevel Up(RiskLevel level) => level == RiskLevel.Critical ? level : level + 1;
        var risk = options.Risk;

        if (!checkpointAvailable && findings.Any(f => f.RuleId is "MK112" or "MK113" or "MK114" && f.Level >= RiskLevel.High))
        {
            level = Up(level);
            findings.Add(new RiskFinding("MK190", level, $"no checkpoint will be taken before this destructive step (Options.Checkpoints: policy {options.Checkpoints.Policy}{(options.Checkpoints.Directory is null ? ", no directory" : string.Empty)}), so the data it destroys cannot be restored"));
        }

        var locked = contexts.SelectMany(c => c.Commands.Where(m => m.LockLevel is { } l && Blocking.Contains(l) || m.RewritesTable).SelectMany(m => m.Tables).Where(t => !c.IsNew(t)).Select(t => c.RenamedFrom.GetValueOrDefault(t, t))).Distinct().ToArray();
        foreach (var table in locked)
        {
            if (statistics?.Tables.FirstOrDefault(t => t.Table == table) is { } busy && (busy.LockWaiters > 0 || busy.LongTransactions > 0))
            {
                level = Up(level);
                var oldest = busy.OldestTransaction is { } age ? $", the oldest open for {DurationEstimate.Format(age)}" : string.Empty;
                findings.Add(new RiskFinding("MK191", level, string.Create(CultureInfo.InvariantCulture, $"right now {busy.LockWaiters} session(s) wait for a lock on {table} and {busy.LongTransactions} transaction(s) holding one have been open over {DurationEstimate.Format(risk.LongTransaction)}{oldest}: this step would queue behind them and block everyone after it")) { Table = table.ToString() });
                break;
            }
        }

        foreach (var table in contexts.SelectMany(c => c.Commands.Where(m => m.LockLevel == MigrationLockLevel.AccessExclusive).SelectMany(m => m.Tables).Where(t => !c.IsNew(t))).Distinct())
        {
            var fanIn = live.Tables.Sum(t => t.ForeignKeys.Count(f => f.PrincipalTable == table && t.Name != table));
            if (fanIn >= risk.ForeignKeyFanIn)
            {
                level = Up(level);
                findings.Add(new RiskFinding("MK192", level, string.Create(CultureInfo.InvariantCulture, $"{fanIn} foreign keys point at {table}: its ACCESS EXCLUSIVE lock also stalls writes to every referencing table")) { Table = table.ToString() });
                break;
            }
        }

        var volume = locked.Select(t => statistics?.Tables.FirstOrDefault(s => s.Table == t)).Where(s => s is not null && s.Rows >= risk.CriticalVolumeRows).Select(s => s!).FirstOrDefault();
        if (volume is not null && level < RiskLevel.Critical)
        {
            level = RiskLevel.Critical;
            findings.Add(new RiskFinding("MK193", level, $"{RiskRuleContext.Rows(volume)}, at or above {risk.CriticalVolumeRows:N0} (Options.Risk.CriticalVolumeRows): blocking or copying it takes long enough to be an outage") { Table = volume.Table.ToString() });
        }

        return level;
    }

    private List<Safeguard> Safeguards(MigrationPlanStep step, IReadOnlyList<RiskRuleContext> contexts, List<RiskFinding> findings, bool checkpointFirst)
    {
        var safeguards = new List<Safeguard>();
        var destructive = step.Commands.Any(c => c.Destructive) || step.Migration.Info.Destructive;
        if (checkpointFirst)
        {
            safeguards.Add(new Safeguard("checkpoint first", AppliedByRunner: true));
        }
        else if (destructive || findings.Any(f => f.Level >= RiskLevel.High))
        {
            safeguards.Add(new Safeguard("checkpoint first (set Checkpoints.Directory and Policy = BeforeHighRisk)", AppliedByRunner: false));
        }

        if (step.Transactional)
        {
            safeguards.Add(new Safeguard("one transaction with its history row", AppliedByRunner: true));
        }

        if (step.Commands.Any(c => c.LockLevel is not null))
        {
            var timeout = provider.LockTimeoutFor(step.Migration.Info);
            safeguards.Add(timeout is { } t
                ? new Safeguard($"lock_timeout {DurationEstimate.Format(t)}, retried up to {options.LockRetry.MaxAttempts} time(s)", AppliedByRunner: true)
                : new Safeguard("lock_timeout (none is set)", AppliedByRunner: false));
        }

        if (contexts.Any(c => c.Operation is CreateIndexOperation { Concurrently: true } or DropIndexOperation { Concurrently: true }))
        {
            safeguards.Add(new Safeguard("CONCURRENTLY", AppliedByRunner: true));
        }
        else if (findings.Any(f => f.RuleId is "MK101" or "MK102"))
        {
            safeguards.Add(new Safeguard("CONCURRENTLY", AppliedByRunner: false));
        }

        if (contexts.Any(c => c.Operation is AddForeignKeyOperation { NotValid: true } or AddCheckConstraintOperation { NotValid: true }))
        {
            safeguards.Add(new Safeguard("NOT VALID, then VALIDATE", AppliedByRunner: true));
        }
        else if (findings.Any(f => f.RuleId is "MK107" or "MK108" or "MK109" or "MK105"))
        {
            safeguards.Add(new Safeguard("NOT VALID, then VALIDATE in a later migration", AppliedByRunner: false));
        }

        if (findings.Any(f => f.RuleId is "MK123" or "MK103" or "MK104"))
        {
            safeguards.Add(new Safeguard("batched backfill", AppliedByRunner: false));
        }

        return safeguards;
    }

    private DurationEstimate Estimate(MigrationPlanStep step, IReadOnlyList<RiskRuleContext> contexts, DatabaseStatistics? statistics, IReadOnlyList<JournalEntry> journal)
    {
        var action = step.Direction == MigrationDirection.Up ? JournalAction.Up : JournalAction.Down;
        var earlier = journal.Where(j => j.Version == step.Version && j.Action == action && j.Status == JournalStatus.Succeeded && j.Duration is not null).Select(j => j.Duration!.Value).ToArray();
        if (earlier.Length > 0)
        {
            return new DurationEstimate(earlier.Min(), earlier.Max(), string.Create(CultureInfo.InvariantCulture, $"{earlier.Length} earlier run(s) in the journal"));
        }

        var risk = options.Risk;
        double seconds = 0;
        var bySize = false;
        var byRows = false;
        foreach (var context in contexts)
        {
            foreach (var table in Heavy(context).Distinct())
            {
                if (statistics?.Tables.FirstOrDefault(t => t.Table == context.RenamedFrom.GetValueOrDefault(table, table)) is not { } found)
                {
                    continue;
                }

                if (found.SizeBytes is { } size)
                {
                    seconds += (size + (found.IndexSizeBytes ?? 0)) / (double)risk.ThroughputBytesPerSecond;
                    bySize = true;
                }
                else
                {
                    seconds += found.Rows / (double)risk.ThroughputRowsPerSecond;
                    byRows = true;
                }
            }
        }

        var statements = Math.Max(1, step.Commands.Count);
        var low = TimeSpan.FromMilliseconds(statements) + TimeSpan.FromSeconds(seconds * 0.5);
        var high = TimeSpan.FromMilliseconds(statements * 20) + TimeSpan.FromSeconds(seconds * 2);
        var source = bySize
            ? string.Create(CultureInfo.InvariantCulture, $"table sizes × {risk.ThroughputBytesPerSecond / (1024 * 1024)} MB/s (Options.Risk.ThroughputBytesPerSecond), ×0.5–×2")
            : byRows
                ? string.Create(CultureInfo.InvariantCulture, $"rows × {risk.ThroughputRowsPerSecond:N0} rows/s (Options.Risk.ThroughputRowsPerSecond), ×0.5–×2")
                : "statement count (no table is copied, scanned or indexed)";
        return new DurationEstimate(low, high, source);
    }

    /// <summary>The existing tables an operation copies, scans or indexes in full.</summary>
    private static IEnumerable<QualifiedName> Heavy(RiskRuleContext context)
    {
        var rewrite = context.Commands.Where(c => c.RewritesTable).SelectMany(c => c.Tables.Take(1));
        var scan = context.Operation switch
        {
            CreateIndexOperation i => [i.Table],
            AddUniqueConstraintOperation u => [u.Table],
            AddPrimaryKeyOperation p => [p.Table],
            AddForeignKeyOperation { NotValid: false } f => [f.Table],
            AddCheckConstraintOperation { NotValid: false } k => [k.Table],
            ValidateConstraintOperation v => [v.Table],
            AlterColumnOperation a when !a.Column.IsNullable => [a.Table],
            _ => context.RawStatements.Where(r => r.Kind is RawSqlKind.CreateIndexBlocking or RawSqlKind.WholeTableWrite or RawSqlKind.AddStoredGeneratedColumn && r.Table is not null).Select(r => r.Table!).ToArray(),
        };
        return rewrite.Concat(scan).Where(t => !context.IsNew(t));
    }

    private sealed class DataCheckComparer : IEqualityComparer<DataCheck>
    {
        public static readonly DataCheckComparer Instance = new();

        public bool Equals(DataCheck? x, DataCheck? y) =>
            x is not null && y is not null && x.Kind == y.Kind && x.Table == y.Table && x.Columns.SequenceEqual(y.Columns);

        public int GetHashCode(DataCheck obj) => HashCode.Combine(obj.Kind, obj.Table, obj.Columns.Count);
    }
}
