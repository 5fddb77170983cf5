using MigrationKit.History;
using MigrationKit.Inspection;

namespace MigrationKit;

/// <summary>
/// Runs the migrations of one database: up, down, rollback, status, validation, baseline and dry runs. A runner from
/// <see cref="MigrationRunnerBuilder"/> owns its provider and releases it when disposed; one from the service container
/// is disposed by the container.
/// </summary>
public interface IMigrationRunner : IAsyncDisposable
{
    /// <summary>The migrations found in code, by ascending version.</summary>
    IReadOnlyList<MigrationInfo> Migrations { get; }

    /// <summary>This runner's checkpoints and rollbacks: create, list, verify, restore, prune, and the choice of the way back.</summary>
    Rollback.IRollbackManager RollbackManager { get; }

    /// <summary>Applies pending migrations up to <paramref name="targetVersion"/> (all when null), under the lock.</summary>
    /// <param name="targetVersion">The last version to apply, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the run; the migration in progress is rolled back.</param>
    /// <returns>What was applied.</returns>
    /// <exception cref="MigrationTargetException">The target version is not in the code.</exception>
    /// <exception cref="MigrationValidationException">Applied migrations are missing from the code or were edited.</exception>
    /// <exception cref="IncompleteMigrationException">An earlier non-transactional migration failed part way.</exception>
    /// <exception cref="MigrationFailedException">A migration failed.</exception>
    /// <exception cref="MigrationConnectionException">The database could not be opened.</exception>
    Task<MigrationResult> MigrateUpAsync(long? targetVersion = null, CancellationToken cancellationToken = default);

    /// <summary>Reverts applied migrations above <paramref name="targetVersion"/>, newest first (0 reverts all).</summary>
    /// <param name="targetVersion">The version to end at, or 0 for an empty history.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>What was reverted.</returns>
    /// <exception cref="MigrationTargetException">The target is neither 0 nor a known version.</exception>
    /// <exception cref="IrreversibleMigrationException">A migration to revert has no Down and cannot derive one.</exception>
    /// <exception cref="MigrationFailedException">A Down failed.</exception>
    Task<MigrationResult> MigrateDownAsync(long targetVersion, CancellationToken cancellationToken = default);

    /// <summary>Reverts the last <paramref name="steps"/> applied migrations.</summary>
    /// <param name="steps">How many to revert (at least 1).</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>What was reverted.</returns>
    /// <exception cref="MigrationTargetException">Fewer migrations are applied than asked for.</exception>
    Task<MigrationResult> RollbackAsync(int steps = 1, CancellationToken cancellationToken = default);

    /// <summary>Compares code and history.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Every migration's state.</returns>
    Task<MigrationStatus> GetStatusAsync(CancellationToken cancellationToken = default);

    /// <summary>Throws when applied migrations are missing from the code or were edited since.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The status, when valid.</returns>
    /// <exception cref="MigrationValidationException">The history and the code disagree.</exception>
    Task<MigrationStatus> ValidateAsync(CancellationToken cancellationToken = default);

    /// <summary>Re-records the checksums of edited migrations and clears incomplete ones, deliberately.</summary>
    /// <param name="cancellationToken">Cancels the repair.</param>
    /// <returns>The versions repaired.</returns>
    Task<IReadOnlyList<long>> RepairAsync(CancellationToken cancellationToken = default);

    /// <summary>Marks an existing database as being at <paramref name="version"/>: migrations up to it are recorded, not run.</summary>
    /// <param name="version">A version in the code.</param>
    /// <param name="cancellationToken">Cancels the baseline.</param>
    /// <returns>The versions recorded.</returns>
    /// <exception cref="MigrationTargetException">The version is not in the code.</exception>
    /// <exception cref="MigrationKitException">The database already has a history.</exception>
    Task<IReadOnlyList<long>> BaselineAsync(long version, CancellationToken cancellationToken = default);

    /// <summary>A dry run: the SQL that <see cref="MigrateUpAsync"/> would execute, without executing it.</summary>
    /// <param name="targetVersion">The last version to include, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The script.</returns>
    Task<MigrationScript> ScriptAsync(long? targetVersion = null, CancellationToken cancellationToken = default);

    /// <summary>The history of applied migrations.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The rows, by ascending version.</returns>
    Task<IReadOnlyList<AppliedMigration>> GetHistoryAsync(CancellationToken cancellationToken = default);

    /// <summary>The journal of every step ever taken.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The entries, oldest first.</returns>
    Task<IReadOnlyList<JournalEntry>> GetJournalAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads the live schema, without the history tables.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The schema.</returns>
    Task<DatabaseSchema> ReadSchemaAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// For test suites: applies each pending migration, reverts it, checks the schema is back to what it was, and
    /// applies it again, reporting every migration whose Down does not restore the schema.
    /// </summary>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The report.</returns>
    Task<ReversibilityReport> CheckReversibilityAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Compares the live schema with what the applied migrations create: they are replayed into an empty scratch
    /// database of the same engine (SQLite in memory; a new database on the same PostgreSQL server, which needs the
    /// CREATEDB privilege) and both are read by the same reader. Each difference (missing, unexpected or changed
    /// table, column, key, constraint, index, trigger or view) comes with the SQL that would fix it where that can be
    /// derived. Pending migrations are ignored; so are the tables in <see cref="Drift.DriftOptions.IgnoredTables"/>.
    /// </summary>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The report; <see cref="Drift.DriftReport.HasDrift"/> is <see langword="false"/> when the schema is exactly what the migrations made.</returns>
    /// <exception cref="MigrationValidationException">An applied migration is missing from the code or was edited since it was applied.</exception>
    /// <exception cref="Drift.DriftDetectionException">An applied migration does not replay into an empty database.</exception>
    Task<Drift.DriftReport> DetectDriftAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads the database's health: whether it answers (a database that cannot be reached is reported with
    /// <see cref="Health.DatabaseHealth.Reachable"/> <see langword="false"/> and the error, not thrown), the round-trip
    /// latency of a trivial query, the server version and database size, the pending and incomplete migrations, every
    /// user table's rows and sizes (on PostgreSQL also dead rows and the last vacuum and analyze), the lock waits right
    /// now, the longest open transaction, and the slowest statements from <c>pg_stat_statements</c> when it is installed.
    /// What the engine does not have is named in <see cref="Health.DatabaseHealth.NotAvailable"/>. No lock is taken.
    /// </summary>
    /// <param name="cancellationToken">Cancels the read; the only way this method throws.</param>
    /// <returns>The report.</returns>
    /// <exception cref="OperationCanceledException">The read was cancelled.</exception>
    Task<Health.DatabaseHealth> GetHealthAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Plans a run up to <paramref name="targetVersion"/> (all pending when null) and grades it on this database: the
    /// steps with the exact commands the run will execute, each rated Low to Critical with its reasons (rules
    /// <c>MK101</c>… in <c>docs/risk-rules.md</c>), the live statistics they were graded with (read in one round trip),
    /// the safeguards, and duration estimates. Nothing is executed and no lock is taken.
    /// </summary>
    /// <param name="targetVersion">The last version to apply, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the planning.</param>
    /// <returns>The plan and its risk.</returns>
    /// <exception cref="MigrationTargetException">The target version is not in the code.</exception>
    /// <exception cref="MigrationValidationException">Applied migrations are missing from the code or were edited.</exception>
    Task<Risk.MigrationPlanReport> PlanAsync(long? targetVersion = null, CancellationToken cancellationToken = default);

    /// <summary>Plans and grades a run down to <paramref name="targetVersion"/> (0 reverts all), as <see cref="PlanAsync"/> does.</summary>
    /// <param name="targetVersion">The version to end at.</param>
    /// <param name="cancellationToken">Cancels the planning.</param>
    /// <returns>The plan and its risk.</returns>
    /// <exception cref="MigrationTargetException">The target is neither 0 nor a known version.</exception>
    /// <exception cref="IrreversibleMigrationException">A migration to revert has no Down and cannot derive one.</exception>
    Task<Risk.MigrationPlanReport> PlanDownAsync(long targetVersion, CancellationToken cancellationToken = default);

    /// <summary>Plans and grades reverting the last <paramref name="steps"/> applied migrations, as <see cref="PlanAsync"/> does.</summary>
    /// <param name="steps">How many to revert (at least 1).</param>
    /// <param name="cancellationToken">Cancels the planning.</param>
    /// <returns>The plan and its risk.</returns>
    /// <exception cref="MigrationTargetException">Fewer migrations are applied than asked for.</exception>
    Task<Risk.MigrationPlanReport> PlanRollbackAsync(int steps = 1, CancellationToken cancellationToken = default);

    /// <summary>
    /// Carries out exactly <paramref name="plan"/>, under the lock, with the same checkpoint policy and retries as any
    /// run. Refused with a <see cref="Risk.StalePlanException"/> when the history moved on since it was planned. With
    /// <paramref name="approve"/>, each step is offered first and the run stops at the first step declined; passing it
    /// is the explicit approval that <see cref="Risk.RiskOptions.RequireApprovalAbove"/> asks for.
    /// </summary>
    /// <param name="plan">A plan from <see cref="PlanAsync"/>, <see cref="PlanDownAsync"/> or <see cref="PlanRollbackAsync"/> of this runner.</param>
    /// <param name="approve">Called before each step with its report; return <see langword="false"/> to stop there.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>What was applied or reverted.</returns>
    /// <exception cref="Risk.StalePlanException">The history changed since the plan was made.</exception>
    /// <exception cref="Risk.RiskApprovalRequiredException">The plan is rated above the allowed level and no approval callback was given.</exception>
    /// <exception cref="MigrationFailedException">A migration failed.</exception>
    Task<MigrationResult> ExecutePlanAsync(Risk.MigrationPlanReport plan, Func<Risk.PlanStepReport, CancellationToken, ValueTask<bool>>? approve = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The runs recorded since <paramref name="since"/> (all when null), newest first, each with its journal entries:
    /// who ran it (applied by, host, process), the command and target, the outcome, duration, steps and lock-timeout
    /// retries. A run is recorded only when it takes the lock and does something or fails; a start that finds nothing
    /// pending stays one read and writes no run. A run that never recorded an end reads
    /// <see cref="Runs.MigrationRunOutcome.Interrupted"/> once a later run has finished or its process (on this host)
    /// is gone, and <see cref="Runs.MigrationRunOutcome.Running"/> until then.
    /// </summary>
    /// <param name="since">The earliest start to include, or <see langword="null"/> for every run.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The runs, newest first; empty for a database without a runs table.</returns>
    Task<IReadOnlyList<Runs.MigrationRun>> GetRunsAsync(DateTimeOffset? since = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Per UTC day of start, and in total, for the runs of <see cref="GetRunsAsync"/>: runs, failures (failed or
    /// interrupted), error rate, and the count, median and 95th percentile (nearest rank) of the durations of the steps
    /// they completed, from their journal entries.
    /// </summary>
    /// <param name="since">The earliest start to include, or <see langword="null"/> for every run.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The statistics.</returns>
    Task<Runs.RunStatistics> GetRunStatisticsAsync(DateTimeOffset? since = null, CancellationToken cancellationToken = default);
}
