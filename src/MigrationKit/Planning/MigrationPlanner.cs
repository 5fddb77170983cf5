using MigrationKit.History;
using MigrationKit.Providers;
using MigrationKit.SqlFiles;

namespace MigrationKit.Planning;

/// <summary>
/// Decides what a run does from the history and the code, and nothing else: which migrations to apply or revert for
/// a target, whether the history matches the code, which steps are left part way, and the status. It reads no
/// database (the executor hands it what the history holds), so every decision is tested without one.
/// </summary>
internal sealed class MigrationPlanner(MigrationCatalog catalog, MigrationKitOptions options)
{
    // Taken from the catalog on the first digest check: computed once per process when the catalog can share them.
    private IReadOnlyList<(long Version, long Digest)>? _codeDigests;

    /// <summary>The migrations in the code.</summary>
    public MigrationCatalog Catalog { get; } = catalog;

    /// <summary>Throws when a run could never reach <paramref name="target"/>: an up or down target that is not a version in the code.</summary>
    /// <exception cref="MigrationTargetException">The target version is unknown.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number of steps back that is not positive.</exception>
    public void ValidateTarget(MigrationTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        switch (target.Kind)
        {
            case MigrationTargetKind.Up when target.Version is { } version && Catalog.Find(version) is null:
                throw new MigrationTargetException(version, $"Cannot migrate up to version {version}: no migration in the code has that version. Known versions: {KnownVersions()}.");
            case MigrationTargetKind.DownTo when target.Version is { } version && (version < 0 || (version != 0 && Catalog.Find(version) is null)):
                throw new MigrationTargetException(version, $"Cannot migrate down to version {version}: it is neither 0 (revert everything) nor a version in the code. Known versions: {KnownVersions()}.");
            case MigrationTargetKind.StepsBack:
                ArgumentOutOfRangeException.ThrowIfNegativeOrZero(target.Steps, "steps");
                break;
        }
    }

    /// <summary>
    /// The steps that reach <paramref name="target"/> from <paramref name="applied"/>: pending migrations up to the
    /// target in version order going up, applied ones above the target newest first going down.
    /// </summary>
    /// <exception cref="MigrationTargetException">More steps back than migrations applied.</exception>
    /// <exception cref="AppliedMigrationMissingException">A migration to revert is not in the code.</exception>
    public MigrationPlan Plan(MigrationTarget target, IReadOnlyList<AppliedMigration> applied)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(applied);
        var fromVersion = applied.Count == 0 ? 0 : applied.Max(a => a.Version);
        IReadOnlyList<MigrationDescriptor> migrations;
        switch (target.Kind)
        {
            case MigrationTargetKind.Up:
                var appliedVersions = applied.Select(a => a.Version).ToHashSet();
                migrations = Catalog.Migrations.Where(m => !appliedVersions.Contains(m.Version) && (target.Version is null || m.Version <= target.Version)).ToArray();
                break;
            case MigrationTargetKind.DownTo:
                migrations = InCode(applied.Where(a => a.Version > target.Version!.Value).OrderByDescending(a => a.Version));
                break;
            default:
                if (applied.Count < target.Steps)
                {
                    throw new MigrationTargetException(target.Steps, $"Cannot roll back {target.Steps} step(s): only {applied.Count} migration(s) are applied. Ask for at most {applied.Count}, or use MigrateDownAsync(0) to revert everything.");
                }

                migrations = InCode(applied.OrderByDescending(a => a.Version).Take(target.Steps));
                break;
        }

        return new MigrationPlan(target, fromVersion, migrations.Select(m => Step(m, target.Direction)).ToArray());
    }

    /// <summary>The dry-run plan: the pending migrations up to <paramref name="targetVersion"/> (or all), going up.</summary>
    /// <exception cref="MigrationTargetException">The target version is unknown.</exception>
    public MigrationPlan PlanScript(long? targetVersion, IReadOnlyCollection<long> applied)
    {
        if (targetVersion is { } target && Catalog.Find(target) is null)
        {
            throw new MigrationTargetException(target, $"Cannot script up to version {target}: no migration in the code has that version. Known versions: {KnownVersions()}.");
        }

        var steps = Catalog.Migrations.Where(m => !applied.Contains(m.Version) && (targetVersion is null || m.Version <= targetVersion)).Select(m => Step(m, MigrationDirection.Up)).ToArray();
        return new MigrationPlan(MigrationTarget.Up(targetVersion), applied.Count == 0 ? 0 : applied.Max(), steps);
    }

    /// <summary>Scripts every step of <paramref name="plan"/>: its commands generated against the schema replayed from the live one.</summary>
    public async Task<MigrationPlan> ScriptAsync(MigrationPlan plan, MigrationSqlGenerator generator, ReplaySchemaContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(context);
        var steps = new List<MigrationPlanStep>(plan.Steps.Count);
        foreach (var step in plan.Steps)
        {
            var commands = new List<MigrationCommand>();
            foreach (var operation in step.Operations)
            {
                commands.AddRange(await generator.GenerateCommandsAsync(operation, context, cancellationToken).ConfigureAwait(false));
                await context.ApplyAsync(operation, cancellationToken).ConfigureAwait(false);
            }

            steps.Add(step.WithCommands(commands));
        }

        return plan with { Steps = steps };
    }

    /// <summary>
    /// Whether a run up to <paramref name="upTo"/> (a version, or <see langword="null"/> or <see cref="long.MaxValue"/>
    /// for the latest) re-applies changed repeatable migrations: only one that reaches the latest version in the code,
    /// since a repeatable may use anything the versioned migrations create.
    /// </summary>
    public bool IncludesRepeatables(long? upTo) =>
        Catalog.Repeatables.Count > 0 && (upTo is null || upTo >= Catalog.LatestVersion);

    /// <summary>The repeatable migrations that never ran or changed since, by name: those a run re-applies.</summary>
    public IReadOnlyList<RepeatableMigration> PendingRepeatables(IReadOnlyDictionary<string, AppliedRepeatable> applied)
    {
        ArgumentNullException.ThrowIfNull(applied);
        return Catalog.Repeatables.Where(r => !applied.TryGetValue(r.Name, out var row) || !string.Equals(row.Checksum, r.Checksum, StringComparison.Ordinal)).ToArray();
    }

    /// <summary>The status of every repeatable migration in the code, by name.</summary>
    public IReadOnlyList<MigrationStatusEntry> RepeatableStatus(IReadOnlyDictionary<string, AppliedRepeatable> applied)
    {
        ArgumentNullException.ThrowIfNull(applied);
        return Catalog.Repeatables.Select(r => applied.TryGetValue(r.Name, out var row)
            ? new MigrationStatusEntry(0, r.Description, string.Equals(row.Checksum, r.Checksum, StringComparison.Ordinal) ? MigrationState.Applied : MigrationState.Pending)
            {
                AppliedAt = row.AppliedAt,
                Duration = row.Duration,
                AppliedChecksum = row.Checksum,
                CodeChecksum = r.Checksum,
            }
            : new MigrationStatusEntry(0, r.Description, MigrationState.Pending) { CodeChecksum = r.Checksum }).ToArray();
    }

    /// <summary>One step for <paramref name="migration"/> in <paramref name="direction"/>.</summary>
    public MigrationPlanStep Step(MigrationDescriptor migration, MigrationDirection direction) => new(Catalog, migration, direction);

    /// <summary>The migrations in the code that are not applied, in version order.</summary>
    public IReadOnlyList<MigrationDescriptor> Pending(IReadOnlyCollection<long> applied) =>
        Catalog.Migrations.Where(m => !applied.Contains(m.Version)).ToArray();

    /// <summary>The migrations a baseline at <paramref name="version"/> marks as applied.</summary>
    /// <exception cref="MigrationTargetException">The version is not in the code.</exception>
    public IReadOnlyList<MigrationDescriptor> Baseline(long version)
    {
        if (Catalog.Find(version) is null)
        {
            throw new MigrationTargetException(version, $"Cannot baseline at version {version}: no migration in the code has that version. Known versions: {KnownVersions()}.");
        }

        return Catalog.Migrations.Where(m => m.Version <= version).ToArray();
    }

    /// <summary>
    /// The nothing-pending check: the current version when every migration up to <paramref name="upTo"/> is applied and
    /// the history matches the code; <see langword="null"/> otherwise (the run then takes the full path, which reports
    /// any problem). Steps left part way are checked separately, only when this says up to date.
    /// </summary>
    public long? UpToDate(IReadOnlyList<AppliedChecksum> rows, long upTo)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var applied = new HashSet<long>(rows.Count);
        foreach (var row in rows)
        {
            applied.Add(row.Version);
        }

        foreach (var migration in Catalog.Migrations)
        {
            if (migration.Version <= upTo && !applied.Contains(migration.Version))
            {
                return null;
            }
        }

        if (!MatchesCode(rows))
        {
            return null;
        }

        return rows.Count == 0 ? 0 : rows.Max(r => r.Version);
    }

    /// <summary>
    /// The nothing-pending check from the digest of the applied set alone: the current version when the digest is that
    /// of the code's migrations from the first up to one at or above the last migration of <paramref name="upTo"/>, each
    /// with its code checksum (so they are applied, and unedited); <see langword="null"/> otherwise (the full check then
    /// reads the history). Only with checksums verified: the code's digest needs them.
    /// </summary>
    public long? UpToDate(long appliedDigest, long upTo)
    {
        if (!options.VerifyChecksums)
        {
            return null;
        }

        var prefixes = _codeDigests ??= CodeDigests();
        var needed = 0L;
        foreach (var migration in Catalog.Migrations)
        {
            if (migration.Version <= upTo)
            {
                needed = Math.Max(needed, migration.Version);
            }
        }

        foreach (var (version, digest) in prefixes)
        {
            if (version >= needed && digest == appliedDigest)
            {
                return version;
            }
        }

        return null;
    }

    /// <summary>The digest of the code's migrations, with their code checksums, from the first up to each one: (last version, digest).</summary>
    public IReadOnlyList<(long Version, long Digest)> CodeDigests() => Catalog.CodeDigests();

    /// <summary>Throws when the history does not match the code: a migration applied but missing from the code (unless tolerated), or edited after it was applied (when checksums are verified).</summary>
    /// <exception cref="MigrationChecksumMismatchException">Applied migrations were edited.</exception>
    /// <exception cref="AppliedMigrationMissingException">Applied migrations are missing from the code.</exception>
    /// <exception cref="MigrationValidationException">Both.</exception>
    public void Validate(IReadOnlyList<AppliedMigration> applied)
    {
        ArgumentNullException.ThrowIfNull(applied);
        if (!MatchesCode(applied.Select(a => new AppliedChecksum(a.Version, a.Checksum))))
        {
            ThrowIfInvalid(BuildStatus(applied, [], includeChecksums: options.VerifyChecksums), options.VerifyChecksums);
        }
    }

    /// <summary>
    /// Of the versions whose last journal entry is unfinished, those left part way: failed or interrupted outside a
    /// transaction. A transactional step that was started and never finished (its process killed) rolled back with its
    /// transaction, so it is simply pending again.
    /// </summary>
    public IReadOnlyList<long> Incomplete(IReadOnlyList<long> unfinished) =>
        unfinished.Where(v => Catalog.Find(v) is not { Transaction: MigrationTransactionMode.Transactional }).ToArray();

    /// <summary>The status of every migration in the code and in the history.</summary>
    public MigrationStatus BuildStatus(IReadOnlyList<AppliedMigration> applied, IReadOnlyList<long> incomplete, bool includeChecksums)
    {
        var appliedByVersion = applied.ToDictionary(a => a.Version);
        var entries = new List<MigrationStatusEntry>();
        foreach (var migration in Catalog.Migrations)
        {
            if (!appliedByVersion.TryGetValue(migration.Version, out var row))
            {
                entries.Add(new MigrationStatusEntry(migration.Version, migration.Description, incomplete.Contains(migration.Version) ? MigrationState.Incomplete : MigrationState.Pending));
                continue;
            }

            var checksum = includeChecksums ? Catalog.GetChecksum(migration) : null;
            var modified = checksum is not null && !string.Equals(checksum, row.Checksum, StringComparison.Ordinal);
            entries.Add(new MigrationStatusEntry(migration.Version, migration.Description, modified ? MigrationState.Modified : MigrationState.Applied)
            {
                AppliedAt = row.AppliedAt,
                Duration = row.Duration,
                AppliedChecksum = row.Checksum,
                CodeChecksum = checksum,
            });
        }

        entries.AddRange(applied.Where(a => Catalog.Find(a.Version) is null).Select(a => new MigrationStatusEntry(a.Version, a.Description, MigrationState.Missing)
        {
            AppliedAt = a.AppliedAt,
            Duration = a.Duration,
            AppliedChecksum = a.Checksum,
        }));
        return new MigrationStatus(entries.OrderBy(e => e.Version).ToArray());
    }

    /// <summary>Throws for edited migrations (when <paramref name="verifyChecksums"/>) and for missing ones (unless tolerated).</summary>
    public void ThrowIfInvalid(MigrationStatus status, bool verifyChecksums)
    {
        ArgumentNullException.ThrowIfNull(status);
        var modified = verifyChecksums ? status.Migrations.Where(m => m.State == MigrationState.Modified).ToArray() : [];
        var missing = options.IgnoreMissingMigrations ? [] : status.Migrations.Where(m => m.State == MigrationState.Missing).ToArray();
        if (modified.Length > 0 && missing.Length > 0)
        {
            throw new MigrationValidationException([.. modified, .. missing]);
        }

        if (modified.Length > 0)
        {
            throw new MigrationChecksumMismatchException(modified);
        }

        if (missing.Length > 0)
        {
            throw new AppliedMigrationMissingException(missing);
        }
    }

    /// <summary>The versions in the code, for messages.</summary>
    public string KnownVersions() =>
        Catalog.Migrations.Count == 0 ? "none" : string.Join(", ", Catalog.Migrations.Select(m => m.Version));

    /// <summary>
    /// Whether every applied migration is in the code (unless missing ones are tolerated) with its recorded checksum
    /// (when checksums are verified): the usual case, answered without building a status entry per migration.
    /// </summary>
    private bool MatchesCode(IEnumerable<AppliedChecksum> applied)
    {
        foreach (var row in applied)
        {
            if (Catalog.Find(row.Version) is not { } migration)
            {
                if (!options.IgnoreMissingMigrations)
                {
                    return false;
                }
            }
            else if (options.VerifyChecksums && !string.Equals(Catalog.GetChecksum(migration), row.Checksum, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The migrations to revert; reverting needs each one's code, even when missing ones are otherwise tolerated.</summary>
    private MigrationDescriptor[] InCode(IEnumerable<AppliedMigration> toRevert)
    {
        var rows = toRevert.ToArray();
        var missing = rows.Where(a => Catalog.Find(a.Version) is null)
            .Select(a => new MigrationStatusEntry(a.Version, a.Description, MigrationState.Missing) { AppliedAt = a.AppliedAt, AppliedChecksum = a.Checksum })
            .ToArray();
        if (missing.Length > 0)
        {
            throw new AppliedMigrationMissingException(missing);
        }

        return rows.Select(a => Catalog.Find(a.Version)!).ToArray();
    }
}
