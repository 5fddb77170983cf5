using System.Globalization;
using MigrationKit.Checkpoints;
using MigrationKit.Operations;

namespace MigrationKit.Rollback;

/// <summary>
/// Chooses the way back. Logical when every step's Down exists, its Up destroyed nothing and its Down destroys nothing
/// that holds data (raw SQL counts as unknown, so not safe); otherwise physical: the newest full checkpoint at or below
/// the target version, then the migrations up to the target applied again; without one, refused, unless the caller
/// accepted the loss (<see cref="RollbackTarget.AcceptingDataLoss"/>), which the plan then names. Pure: the live facts
/// (values held by what a Down drops) come in with the steps, so the choice is tested without a database.
/// </summary>
internal static class RollbackPlanner
{
    /// <summary>
    /// Why one step cannot be undone by its Down without loss; empty when it can. A step loses data on the way back when
    /// its Up destroyed something (dropped tables or columns, deleted rows, raw SQL of unknown effect), which no Down brings
    /// back, or when its Down destroys data: raw SQL, or a drop of a column or table that holds values (checked live; a
    /// drop of an empty one loses nothing).
    /// </summary>
    public static IReadOnlyList<string> Blockers(RollbackStep step)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"Migration {step.Version} '{step.Description}'");
        if (step.Down is null)
        {
            return [$"{name}: {step.Problem ?? "it has no Down"}"];
        }

        var blockers = new List<string>();
        foreach (var operation in step.Up)
        {
            if (operation is SqlOperation)
            {
                blockers.Add($"{name}: its Up ran raw SQL ({operation.Describe()}), whose effect on the data cannot be known, so its Down cannot be trusted to bring back what it changed");
            }
            else if (operation.IsDestructive)
            {
                blockers.Add($"{name}: its Up destroyed data ({operation.Describe()}) that its Down cannot bring back");
            }
        }

        foreach (var operation in step.Down)
        {
            if (operation is SqlOperation)
            {
                blockers.Add($"{name}: its Down runs raw SQL ({operation.Describe()}), whose effect on the data cannot be known");
            }
            else if (operation.IsDestructive && !(step.ValuesHeld.TryGetValue(operation, out var held) && held == 0))
            {
                blockers.Add(step.ValuesHeld.TryGetValue(operation, out var values)
                    ? Invariant($"{name}: its Down destroys data ({operation.Describe()}, which holds {values} value(s))")
                    : $"{name}: its Down destroys data ({operation.Describe()})");
            }
        }

        return blockers;
    }

    /// <summary>Chooses logical or physical for a rollback to a version (or a number of steps), with the reason.</summary>
    /// <param name="target">What was asked for.</param>
    /// <param name="fromVersion">The schema version now.</param>
    /// <param name="targetVersion">The version to end at.</param>
    /// <param name="steps">The applied migrations above the target, newest first.</param>
    /// <param name="checkpoints">The checkpoints of this database.</param>
    /// <param name="codeVersions">The versions in the code, to apply again after restoring an older checkpoint.</param>
    /// <param name="now">The time, for saying how old a checkpoint is.</param>
    public static RollbackPlan Plan(RollbackTarget target, long fromVersion, long targetVersion, IReadOnlyList<RollbackStep> steps, IReadOnlyList<Checkpoint> checkpoints, IReadOnlyCollection<long> codeVersions, DateTimeOffset now)
    {
        var reverted = steps.Select(s => s.Version).ToArray();
        if (steps.Count == 0)
        {
            return new RollbackPlan(target, RollbackMethod.Logical, Invariant($"The database is already at version {fromVersion}, at or below version {targetVersion}: there is nothing to undo."), fromVersion, fromVersion);
        }

        var blockers = steps.SelectMany(Blockers).ToArray();
        if (blockers.Length == 0)
        {
            return new RollbackPlan(target, RollbackMethod.Logical, Invariant($"Every step back is reversible and loses no data: the Downs of {Versions(reverted)} run, newest first, from version {fromVersion} to {targetVersion}{EmptyDrops(steps)}. No checkpoint is needed."), fromVersion, targetVersion)
            {
                Reverted = reverted,
            };
        }

        var checkpoint = checkpoints
            .Where(c => c.Level == CheckpointLevel.Full && c.Version <= targetVersion)
            .OrderByDescending(c => c.Version)
            .ThenByDescending(c => c.CreatedAt)
            .FirstOrDefault();
        if (checkpoint is null)
        {
            if (target.AcceptsDataLoss && steps.All(s => s.Down is not null))
            {
                // The caller said the loss is acceptable: the Downs run, and the plan names what is lost.
                return new RollbackPlan(target, RollbackMethod.Logical, Invariant($"No full checkpoint at or below version {targetVersion} exists, and the caller accepted the loss: the Downs of {Versions(reverted)} run, newest first, from version {fromVersion} to {targetVersion}, and data is lost: {string.Join("; ", blockers)}."), fromVersion, targetVersion)
                {
                    Reverted = reverted,
                    LogicalBlockers = blockers,
                    DataLoss = blockers,
                };
            }

            throw new RollbackNotPossibleException(targetVersion, blockers);
        }

        var reapplied = codeVersions.Where(v => v > checkpoint.Version && v <= targetVersion).Order().ToArray();
        var then = reapplied.Length == 0
            ? Invariant($"It was taken at version {checkpoint.Version}, the target, so nothing needs applying afterwards.")
            : Invariant($"It was taken at version {checkpoint.Version}, so {Versions(reapplied)} are applied again afterwards to reach version {targetVersion}.");
        var reason = Invariant($"A logical rollback is not safe ({string.Join("; ", blockers)}), so the newest full checkpoint at or below version {targetVersion} is restored: {checkpoint}. {then} Changes written since {checkpoint.CreatedAt:yyyy-MM-dd HH:mm:ss}Z ({Age(now - checkpoint.CreatedAt)} ago) are lost.");
        return new RollbackPlan(target, RollbackMethod.Physical, reason, fromVersion, targetVersion)
        {
            Reverted = reverted,
            Checkpoint = checkpoint,
            Reapplied = reapplied,
            LogicalBlockers = blockers,
        };
    }

    /// <summary>The plan for restoring a checkpoint named by the caller.</summary>
    public static RollbackPlan PlanRestore(RollbackTarget target, long fromVersion, IReadOnlyList<long> applied, Checkpoint checkpoint) =>
        new(target, RollbackMethod.Physical, Invariant($"A checkpoint was asked for by id, so it is restored: {checkpoint}. The database returns to version {checkpoint.Version}; changes written since {checkpoint.CreatedAt:yyyy-MM-dd HH:mm:ss}Z are lost."), fromVersion, checkpoint.Version)
        {
            Reverted = applied.Where(v => v > checkpoint.Version).OrderDescending().ToArray(),
            Checkpoint = checkpoint,
        };

    /// <summary>The drops that decided nothing is lost, as facts for the reason: ", dropping column orders.note, which holds no value".</summary>
    private static string EmptyDrops(IReadOnlyList<RollbackStep> steps)
    {
        var empty = steps.SelectMany(s => s.ValuesHeld.Where(v => v.Value == 0).Select(v => Invariant($"{v.Key.Describe()} of migration {s.Version}"))).ToArray();
        return empty.Length == 0 ? string.Empty : $" ({string.Join(", ", empty)}: checked, it holds no value)";
    }

    private static string Versions(IReadOnlyList<long> versions) =>
        (versions.Count == 1 ? "migration " : "migrations ") + string.Join(", ", versions.Select(v => v.ToString(CultureInfo.InvariantCulture)));

    private static string Age(TimeSpan age) => age.TotalDays >= 1
        ? Invariant($"{age.TotalDays:0.#} days")
        : age.TotalHours >= 1 ? Invariant($"{age.TotalHours:0.#} hours") : Invariant($"{Math.Max(0, age.TotalMinutes):0} minutes");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
