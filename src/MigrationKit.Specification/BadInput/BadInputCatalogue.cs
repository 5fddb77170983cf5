using MigrationKit.History;
using MigrationKit.Specification.Support;
using Later = MigrationKit.Specification.Migrations.BadInput.Later;
using Loose = MigrationKit.Specification.Migrations.BadInput.Loose;
using RawSql = MigrationKit.Specification.Migrations.BadInput.RawSql;
using Seed = MigrationKit.Specification.Migrations.BadInput.Seed;

namespace MigrationKit.Specification.BadInput;

/// <summary>
/// The bad inputs, across the public API: discovery, targets, history against code, irreversible Downs, invalid
/// declarations, statements the database refuses, configuration, and cancellation at every stage of a run. Every case
/// starts from the seed (versions 1 and 2 applied, two rows), feeds one bad input, and checks the typed exception, the
/// words of its message that name the object and the remedy, and the database unchanged.
/// </summary>
internal static class BadInputCatalogue
{
    private const string Fix = "Fix the migration";
    private const string Correct = "Correct the declaration in ";

    public static IReadOnlyList<BadInputCase> All { get; } =
    [
        // Discovery: refused when the runner is built, before the database is touched.
        new("DuplicateVersions", c => BuildRefused<DuplicateMigrationVersionException>(c, "BadInput.DuplicateVersions", [], "version 10", "CreateFirst", "CreateSecond", "Give each migration a unique version")),
        new("NegativeVersion", c => BuildRefused<InvalidMigrationException>(c, "BadInput.NegativeVersion", [], "NegativeVersion has version -5", "versions must be positive", "Use a timestamp")),
        new("ZeroVersion", c => BuildRefused<InvalidMigrationException>(c, "BadInput.ZeroVersion", [], "ZeroVersion has version 0", "Use a timestamp")),
        new("EmptyDescription", c => BuildRefused<InvalidMigrationException>(c, "BadInput.EmptyDescription", [], "Migration 10", "has an empty description", "Say in a few words")),
        new("ClassNotDerivedFromMigration", c => BuildRefused<InvalidMigrationException>(c, null, [typeof(Loose.NotAMigration)], "NotAMigration has a [Migration] attribute but does not derive from Migration", "Derive it from MigrationKit.Migration")),
        new("MigrationWithoutAttribute", c => BuildRefused<InvalidMigrationException>(c, null, [typeof(Loose.NoAttribute)], "NoAttribute implements IMigration but has no [Migration(", "Add the attribute")),
        new("MigrationWithoutUsableConstructor", c => UpRefused<InvalidMigrationException>(c, "BadInput.Uncreatable", "10 'Needs a service nobody registered' (NeedsService) could not be created", "Give it a public constructor")),

        // Targets and steps that do not exist.
        new("UpToUnknownVersion", c => RunnerRefused<MigrationTargetException>(c, r => r.MigrateUpAsync(99), "version 99", "Known versions: 1, 2, 3, 4")),
        new("UpToNegativeVersion", c => RunnerRefused<MigrationTargetException>(c, r => r.MigrateUpAsync(-5), "version -5", "Known versions: 1, 2, 3, 4")),
        new("DownToUnknownVersion", c => RunnerRefused<MigrationTargetException>(c, r => r.MigrateDownAsync(42), "version 42", "neither 0 (revert everything) nor a version in the code", "Known versions")),
        new("DownToNegativeVersion", c => RunnerRefused<MigrationTargetException>(c, r => r.MigrateDownAsync(-1), "version -1", "neither 0")),
        new("RollbackMoreStepsThanApplied", c => RunnerRefused<MigrationTargetException>(c, r => r.RollbackAsync(3), "Cannot roll back 3 step(s)", "only 2 migration(s) are applied", "Ask for at most 2")),
        new("RollbackZeroSteps", async c => (await RunnerRefused<ArgumentOutOfRangeException>(c, r => r.RollbackAsync(0), "steps")).ParamName.Should().Be("steps")),
        new("RollbackNegativeSteps", async c => (await RunnerRefused<ArgumentOutOfRangeException>(c, r => r.RollbackAsync(-2), "steps")).ParamName.Should().Be("steps")),
        new("ScriptToUnknownVersion", c => RunnerRefused<MigrationTargetException>(c, r => r.ScriptAsync(77), "Cannot script up to version 77", "Known versions")),
        new("BaselineOnDatabaseWithHistory", c => RunnerRefused<MigrationKitException>(c, r => r.BaselineAsync(2), "already has a migration history", "use MigrateUpAsync here")),
        new("BaselineToUnknownVersion", c => RunnerRefused<MigrationTargetException>(c, r => r.BaselineAsync(55), "Cannot baseline at version 55", "Known versions")),
        new("BaselineToZero", c => RunnerRefused<MigrationTargetException>(c, r => r.BaselineAsync(0), "Cannot baseline at version 0", "Known versions")),

        // The history and the code disagree.
        new("AppliedMigrationMissingFromCode", async c =>
        {
            await c.SeedAsync("BadInput.Later", 4);
            await using var older = c.Runner();
            await c.RefusedAsync<AppliedMigrationMissingException>(() => older.MigrateUpAsync(), "3 'Add code' is applied but not in the code", "4 'Create notes'", "deploy the code that has these migrations");
        }),
        new("RollbackOfMigrationMissingFromCode", async c =>
        {
            await c.SeedAsync("BadInput.Later", 4);
            await using var older = c.Runner();
            await c.RefusedAsync<AppliedMigrationMissingException>(() => older.RollbackAsync(), "4 'Create notes' is applied but not in the code", "deploy the code");
        }),
        new("AppliedMigrationEdited", c => WithEditedAddCode(c, "BadInput.Later", r => r.MigrateUpAsync())),
        new("AppliedMigrationEditedFoundByValidate", c => WithEditedAddCode(c, "BadInput.Later", r => r.ValidateAsync())),
        new("AppliedMigrationEditedFoundByRollback", c => WithEditedAddCode(c, "BadInput.Later", r => r.RollbackAsync())),
        new("AppliedMigrationsEditedAndMissingTogether", async c =>
        {
            await c.SeedAsync("BadInput.Later", 4);
            try
            {
                Later.AddCode.Length = 20;
                await using var runner = c.Runner(types: typeof(Later.AddCode));
                await c.RefusedAsync<MigrationValidationException>(() => runner.MigrateUpAsync(), "3 'Add code' was edited after it was applied", "4 'Create notes' is applied but not in the code", "call RepairAsync", "deploy the code");
            }
            finally
            {
                Later.AddCode.Length = Later.AddCode.OriginalLength;
            }
        }),
        new("RawSqlResavedWithCrLf", c => ResavedRawSqlIsNotFlagged(c, sql => sql.Replace("\n", "\r\n", StringComparison.Ordinal))),
        new("RawSqlResavedWithBom", c => ResavedRawSqlIsNotFlagged(c, sql => "\uFEFF" + sql)),
        new("RawSqlResavedWithTrailingWhitespace", c => ResavedRawSqlIsNotFlagged(c, sql => sql.Replace(";\n", "; \t\n", StringComparison.Ordinal) + "  \n\n")),
        new("RawSqlResavedWithCrLfBomAndTrailingWhitespace", c => ResavedRawSqlIsNotFlagged(c, sql => "\uFEFF" + sql.Replace("\n", "  \r\n", StringComparison.Ordinal) + "\t\r\n")),
        new("RawSqlReallyEdited", async c =>
        {
            await c.SeedAsync("BadInput.RawSql");
            try
            {
                RawSql.FromFile.Sql = RawSql.FromFile.Original.Replace("VALUES (2)", "VALUES (3)", StringComparison.Ordinal);
                await using var runner = c.Runner("BadInput.RawSql");
                await c.RefusedAsync<MigrationChecksumMismatchException>(() => runner.MigrateUpAsync(), "3 'Raw SQL saved from a file' was edited after it was applied", "RepairAsync");
            }
            finally
            {
                RawSql.FromFile.Sql = RawSql.FromFile.Original;
            }
        }),

        // Reverting what has no inverse.
        new("RollbackDropColumnWithoutDown", c => RevertRefused(c, "BadInput.DropColumnNoDown", r => r.RollbackAsync(), "Migration 10 (DropNames) cannot be reverted", "drop column items.name", "Override Down in DropNames")),
        new("RollbackRawSqlWithoutDown", c => RevertRefused(c, "BadInput.RawSqlNoDown", r => r.RollbackAsync(), "Migration 10 (RawInsert) cannot be reverted", "Override Down in RawInsert")),
        new("RollbackDropTableWithoutDown", c => RevertRefused(c, "BadInput.DropTableNoDown", r => r.RollbackAsync(), "Migration 11 (DropScratch) cannot be reverted", "drop table scratch", "Override Down in DropScratch")),
        new("DownToZeroThroughIrreversibleMigration", c => RevertRefused(c, "BadInput.DropColumnNoDown", r => r.MigrateDownAsync(0), "Migration 10 (DropNames) cannot be reverted", "Override Down in DropNames")),

        // Invalid declarations: refused before a statement runs.
        new("EmptyTableName", c => Declared(c, "EmptyTableName", "'table'")),
        new("WhitespaceColumnName", c => Declared(c, "WhitespaceColumnName", "'name'")),
        new("NulInTableName", c => Declared(c, "NulInTableName", "'thi\\0ngs' contains a NUL character", "Remove it")),
        new("NulInColumnName", c => Declared(c, "NulInColumnName", "'co\\0de' contains a NUL character", "Remove it")),
        new("NullTableName", async c => (await Declared(c, "NullTableName", "'table'")).InnerException.Should().BeOfType<ArgumentNullException>().Which.ParamName.Should().Be("table")),
        new("NullTableDefinition", async c => (await Declared(c, "NullDefinition", "'define'")).InnerException.Should().BeOfType<ArgumentNullException>().Which.ParamName.Should().Be("define")),
        new("IndexWithoutColumns", c => Declared(c, "EmptyIndexColumns", "No column was given for an index on table 'items'", "Name the column(s)")),
        new("EmptyTableDefinition", c => Declared(c, "EmptyTable", "Table 'things' declares no columns", "Add at least one")),
        new("SameColumnTwice", c => Declared(c, "SameColumnTwice", "Table 'things' declares the column(s) 'amount' more than once", "Give each column a distinct name")),
        new("SameColumnTwiceInAnotherCase", c => Declared(c, "SameColumnDifferentCase", "Table 'things' declares the column(s) 'label' more than once", "distinct name")),
        new("TwoPrimaryKeys", c => Declared(c, "TwoPrimaryKeys", "Table 'things' declares its primary key twice", "Keep one")),
        new("NullablePrimaryKey", c => Declared(c, "NullablePrimaryKey", "Column 'things.id' is declared both Nullable() and PrimaryKey()", "Remove Nullable()")),
        new("PrimaryKeyOnUndeclaredColumn", c => Declared(c, "PrimaryKeyOnUndeclaredColumn", "The primary key of table 'things' names column(s) 'identifier'", "Declare them")),
        new("ColumnWithoutType", c => Declared(c, "ColumnWithoutType", "Column 'things.id' has no type", "Call one of the As")),
        new("IdentityOnTextColumn", c => Declared(c, "IdentityOnText", "Column 'things.id' is an identity column", "identity needs an integer type")),
        new("ForeignKeyColumnCountMismatch", c => Declared(c, "ForeignKeyColumnCountMismatch", "lists 2 column(s) but references 1", "give one referenced column per referencing column")),
        new("EmptyRawSql", c => Declared(c, "EmptyRawSql", "'sql'")),
        new("InsertRowWithWrongValueCount", c => Declared(c, "InsertRowWrongArity", "Row 0 for table 'items' has 1 value(s) but 2 column(s)", "Give one value per column")),
        new("ConcurrentIndexInTransactionalMigration", c => UpRefused<InvalidMigrationException>(c, "BadInput.ConcurrentIndexInTransaction", "Migration 10 'ConcurrentIndexInTransaction' (ConcurrentIndexInTransaction) contains 'create index ix_items_id_name on items'", "cannot run inside a transaction", "Mark the migration [Migration(..., Transaction = MigrationTransactionMode.None)]")),
        new("NonTransactionalMigrationInAllOrNothingRun", async c =>
        {
            await c.SeedAsync();
            await using var runner = c.Runner("BadInput.MixedTransactions", o => o.RunTransaction = MigrationRunTransaction.AllOrNothing);
            await c.RefusedAsync<MigrationKitException>(() => runner.MigrateUpAsync(), "11 'Create outside'", "cannot join an all-or-nothing run", "Run it on its own");
        }),
        new("IdentifierOverTheLimitInAscii", c => Failed(c, "TooLongAscii", "64 bytes long", "Choose a shorter name"), OverLimit),
        new("IdentifierOverTheLimitInUtf8Bytes", c => Failed(c, "TooLongMultibyte", "64 bytes long in UTF-8", "Choose a shorter name"), OverLimit),

        // Statements the database refuses: the migration's transaction is rolled back.
        new("ForeignKeyToMissingTable", c => Failed(c, "ForeignKeyToMissingTable", "customers")),
        new("ForeignKeyToMissingColumn", c => Failed(c, "ForeignKeyToMissingColumn", "\"code\"")),
        new("AddedForeignKeyToMissingTable", c => Failed(c, "AddForeignKeyToMissingTable", "owners")),
        new("AddColumnToMissingTable", c => Failed(c, "AddColumnToMissingTable", "ghosts")),
        new("AddExistingColumn", c => Failed(c, "AddExistingColumn", "\"items\"", "\"name\"")),
        new("CreateExistingTable", c => Failed(c, "CreateExistingTable", "items")),
        new("DropMissingIndex", c => Failed(c, "DropMissingIndex", "ix_items_nowhere")),
        new("RenameMissingColumn", c => Failed(c, "RenameMissingColumn", "title")),
        new("DropMissingTable", c => Failed(c, "DropMissingTable", "ghosts")),
        new("RawSqlWithSyntaxError", async c => (await Failed(c, "RawSqlSyntaxError", "SELEC")).Statement.Should().Contain("SELEC \"id\" FRM")),
        new("InsertDuplicateKey", c => Failed(c, "InsertDuplicateKey", "items")),

        // Configuration and arguments.
        new("BuildWithoutProvider", c => c.RefusedAsync<InvalidOperationException>(Sync(() => new MigrationRunnerBuilder().AddMigrations(typeof(Seed.CreateItems)).Build()), "no database provider", "call UseSqlite(...)")),
        new("BuildWithoutMigrations", c => c.RefusedAsync<InvalidOperationException>(Sync(() => c.Builder().Configure(o => o.Sources.Clear()).Build()), "no migrations", "call AddMigrationsFrom(assembly)")),
        new("BuildWithEmptyAppliedBy", c => c.RefusedAsync<InvalidOperationException>(Sync(() => c.Builder(configure: o => o.AppliedBy = " ").Build()), "Options.AppliedBy is empty", "set it to who runs the migrations")),
        new("NullProvider", async c => (await c.RefusedAsync<ArgumentNullException>(Sync(() => new MigrationRunnerBuilder().UseProvider(null!)), "provider")).ParamName.Should().Be("provider")),
        new("NullMigrationsAssembly", async c => (await c.RefusedAsync<ArgumentNullException>(Sync(() => new MigrationRunnerBuilder().AddMigrationsFrom(null!)), "assembly")).ParamName.Should().Be("assembly")),
        new("NullMigrationTypes", async c => (await c.RefusedAsync<ArgumentNullException>(Sync(() => new MigrationRunnerBuilder().AddMigrations(null!)), "migrationTypes")).ParamName.Should().Be("migrationTypes")),

        // Cancellation at every stage of a run.
        new("CancelledBeforeTheRunStarts", async c =>
        {
            await c.SeedAsync();
            await using var runner = c.Runner("BadInput.Steps");
            using var cancellation = new CancellationTokenSource();
            await cancellation.CancelAsync();
            await c.CancelledAsync(() => runner.MigrateUpAsync(cancellationToken: cancellation.Token));
        }),
        new("CancelledBeforeARollbackStarts", async c =>
        {
            await c.SeedAsync();
            await using var runner = c.Runner();
            using var cancellation = new CancellationTokenSource();
            await cancellation.CancelAsync();
            await c.CancelledAsync(() => runner.RollbackAsync(cancellationToken: cancellation.Token));
        }),
        new("CancelledWhileTakingTheLock", c => CancelledAt(c, RunStage.Lock, null)),
        new("CancelledAsAMigrationStarts", c => CancelledAt(c, RunStage.MigrationStarting, 3)),
        new("CancelledAfterAMigrationsStatementsBeforeItsCommit", c => CancelledAt(c, RunStage.BeforeCommit, 3)),
        new("CancelledDuringAnAllOrNothingRun", c => CancelledAt(c, RunStage.BeforeCommit, 4, o => o.RunTransaction = MigrationRunTransaction.AllOrNothing)),
        new("CancelledDuringARollback", async c =>
        {
            await c.SeedAsync("BadInput.Steps");
            using var cancellation = new CancellationTokenSource();
            await using var runner = c.Runner("BadInput.Steps", wrap: p => new HookedProvider(p, (stage, version, token) => CancelWhen(stage == RunStage.BeforeCommit && version == 4, cancellation, token)));
            await c.CancelledAsync(() => runner.RollbackAsync(2, cancellation.Token));
        }),
        new("CancelledBetweenTwoMigrations", CancelledBetweenMigrationsAsync),
        new("CancelledWhileWaitingForAnotherRunner", CancelledWhileWaitingAsync),
    ];

    private static bool OverLimit(ISpecificationTarget target) => target is ISpecificationIdentifierLimit { MaxIdentifierBytes: < 64 };

    private static Func<Task> Sync(Func<object> act) => async () =>
    {
        await Task.Yield();
        _ = act();
    };

    private static async Task<TException> BuildRefused<TException>(BadInputContext c, string? scenario, Type[] types, params string[] mentions)
        where TException : Exception
    {
        await c.SeedAsync();
        return await c.RefusedAsync<TException>(Sync(() => c.Runner(scenario, types: types)), mentions);
    }

    private static async Task<TException> UpRefused<TException>(BadInputContext c, string scenario, params string[] mentions)
        where TException : Exception
    {
        await c.SeedAsync();
        await using var runner = c.Runner(scenario);
        return await c.RefusedAsync<TException>(() => runner.MigrateUpAsync(), mentions);
    }

    private static async Task<TException> RunnerRefused<TException>(BadInputContext c, Func<IMigrationRunner, Task> act, params string[] mentions)
        where TException : Exception
    {
        await c.SeedAsync();
        await using var runner = c.Runner("BadInput.Steps");
        return await c.RefusedAsync<TException>(() => act(runner), mentions);
    }

    private static async Task<IrreversibleMigrationException> RevertRefused(BadInputContext c, string scenario, Func<IMigrationRunner, Task> act, params string[] mentions)
    {
        await c.SeedAsync(scenario);
        await using var runner = c.Runner(scenario);
        return await c.RefusedAsync<IrreversibleMigrationException>(() => act(runner), mentions);
    }

    /// <summary>Migration 10 of the scenario declares something invalid: refused as an invalid migration that names itself and the fix.</summary>
    private static async Task<InvalidMigrationException> Declared(BadInputContext c, string name, params string[] mentions)
    {
        var error = await UpRefused<InvalidMigrationException>(c, "BadInput." + name, [$"Migration 10 '{name}' ({name}) declares an invalid Up", Correct + name + ".Up", .. mentions]);
        error.Version.Should().Be(10);
        error.MigrationName.Should().Be(name);
        error.InnerException.Should().BeAssignableTo<ArgumentException>("the builder's own argument error is kept");
        return error;
    }

    /// <summary>Migration 10 of the scenario fails in the database: a failure naming the migration, the object and the fix, rolled back.</summary>
    private static async Task<MigrationFailedException> Failed(BadInputContext c, string name, params string[] mentions)
    {
        var error = await UpRefused<MigrationFailedException>(c, "BadInput." + name, [$"Migration 10 '{name}' failed (Up)", "Its transaction was rolled back", Fix, .. mentions]);
        error.Version.Should().Be(10);
        error.Transactional.Should().BeTrue();
        error.InnerException.Should().NotBeNull("the cause is kept");
        var journal = await JournalAsync(c);
        journal.Last().Should().Match<JournalEntry>(j => j.Version == 10 && j.Status == JournalStatus.Failed && j.Error != null, "the journal keeps the failure");
        return error;
    }

    private static async Task WithEditedAddCode(BadInputContext c, string scenario, Func<IMigrationRunner, Task> act)
    {
        await c.SeedAsync(scenario, 3);
        try
        {
            Later.AddCode.Length = 20;
            await using var runner = c.Runner(scenario);
            var error = await c.RefusedAsync<MigrationChecksumMismatchException>(() => act(runner), "3 'Add code' was edited after it was applied", "Revert the edits", "call RepairAsync");
            error.Problems.Select(p => p.Version).Should().Equal(3);
        }
        finally
        {
            Later.AddCode.Length = Later.AddCode.OriginalLength;
        }
    }

    /// <summary>Raw SQL saved again with other line endings, a BOM or trailing whitespace is not an edit: nothing is flagged and nothing runs.</summary>
    private static async Task ResavedRawSqlIsNotFlagged(BadInputContext c, Func<string, string> resave)
    {
        await c.SeedAsync("BadInput.RawSql");
        var before = await DatabaseSnapshot.CaptureAsync(c.Database);
        try
        {
            RawSql.FromFile.Sql = resave(RawSql.FromFile.Original);
            RawSql.FromFile.Sql.Should().NotBe(RawSql.FromFile.Original, "the case changes the text");
            await using var runner = c.Runner("BadInput.RawSql");

            (await runner.ValidateAsync()).IsUpToDate.Should().BeTrue("a re-saved file is not an edit");
            (await runner.GetStatusAsync()).Migrations.Should().OnlyContain(m => m.State == MigrationState.Applied);
            (await runner.MigrateUpAsync()).NothingToDo.Should().BeTrue();
        }
        finally
        {
            RawSql.FromFile.Sql = RawSql.FromFile.Original;
        }

        var after = await DatabaseSnapshot.CaptureAsync(c.Database);
        before.ShouldBeUnchangedIn(after, "validating a re-saved migration");
        after.Journal.Should().HaveCount(before.Journal.Count, "nothing ran");
    }

    private static Task CancelWhen(bool condition, CancellationTokenSource cancellation, CancellationToken token)
    {
        if (condition)
        {
            // The cancellation arrives exactly here, and the await at this point observes it.
            cancellation.Cancel();
            token.ThrowIfCancellationRequested();
        }

        return Task.CompletedTask;
    }

    /// <summary>Runs 3 and 4 after the seed, cancelled at <paramref name="stage"/> of <paramref name="version"/>: nothing of the run stays.</summary>
    private static async Task CancelledAt(BadInputContext c, RunStage stage, long? version, Action<MigrationKitOptions>? configure = null)
    {
        await c.SeedAsync();
        using var cancellation = new CancellationTokenSource();
        var reached = false;
        await using var runner = c.Runner("BadInput.Steps", configure, p => new HookedProvider(p, (s, v, token) =>
        {
            var now = s == stage && v == version;
            reached |= now;
            return CancelWhen(now, cancellation, token);
        }));

        await c.CancelledAsync(() => runner.MigrateUpAsync(cancellationToken: cancellation.Token));
        reached.Should().BeTrue("the run reached the stage where it was cancelled");
    }

    /// <summary>Cancelled right after migration 3 committed, before 4 starts: 3 stays applied, 4 does not, and schema and history agree.</summary>
    private static async Task CancelledBetweenMigrationsAsync(BadInputContext c)
    {
        await c.SeedAsync();
        using var cancellation = new CancellationTokenSource();
        await using var runner = c.Runner("BadInput.Steps", wrap: p => new HookedProvider(p, (stage, version, token) => CancelWhen(stage == RunStage.HistoryCheck && version == 4, cancellation, token)));

        var error = await c.CatchAsync(() => runner.MigrateUpAsync(cancellationToken: cancellation.Token));

        error.Should().BeAssignableTo<OperationCanceledException>();
        var after = await DatabaseSnapshot.CaptureAsync(c.Database);
        after.History.Select(h => h.Version).Should().Equal([1L, 2L, 3L], "the migration committed before the cancellation stays, the next one never started");
        after.Journal.Where(j => j.Version == 4).Should().BeEmpty("migration 4 never started");
        after.Journal.Where(j => j.Version == 3).Select(j => j.Status).Should().Equal(JournalStatus.Started, JournalStatus.Succeeded);
        await using var reference = await c.Target.CreateDatabaseAsync();
        await using (var referenceRunner = new MigrationRunnerBuilder().UseProvider(reference.CreateProvider()).AddMigrationsFrom(typeof(BadInputCatalogue).Assembly, Scenarios.Namespace(BadInputContext.SeedScenario)).AddMigrationsFrom(typeof(BadInputCatalogue).Assembly, Scenarios.Namespace("BadInput.Steps")).Build())
        {
            await referenceRunner.MigrateUpAsync(3);
            after.Schema.CompareTo(await referenceRunner.ReadSchemaAsync()).Should().BeEmpty("the schema is exactly that of version 3");
        }

        (await runner.MigrateUpAsync()).Steps.Select(s => s.Version).Should().Equal([4L], "a later run goes on where the cancelled one stopped");
    }

    /// <summary>
    /// One runner holds the database (its migration 3 is open, waiting before its commit); a second runner waits for it
    /// and is cancelled while waiting. The waiting runner gives up promptly and changes nothing; the first one then finishes.
    /// </summary>
    private static async Task CancelledWhileWaitingAsync(BadInputContext c)
    {
        await c.SeedAsync();
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var first = c.Runner("BadInput.Steps", wrap: p => new HookedProvider(p, async (stage, version, _) =>
        {
            if (stage == RunStage.BeforeCommit && version == 3)
            {
                holding.TrySetResult();
                await release.Task;
            }
        }));
        await using var second = c.Runner("BadInput.Steps");
        var firstRun = first.MigrateUpAsync();
        try
        {
            await holding.Task.WaitAsync(TimeSpan.FromSeconds(30));
            using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            var waited = System.Diagnostics.Stopwatch.StartNew();
            var secondRun = c.CatchAsync(() => second.MigrateUpAsync(cancellationToken: cancellation.Token));
            (await Task.WhenAny(secondRun, Task.Delay(TimeSpan.FromSeconds(10)))).Should().BeSameAs(secondRun, "a cancelled wait ends promptly, not when the other runner finishes");
            (await secondRun).Should().BeAssignableTo<OperationCanceledException>();
            waited.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
        }
        finally
        {
            release.TrySetResult();
        }

        var result = await firstRun;
        result.Steps.Select(s => s.Version).Should().Equal([3L, 4L], "the runner that held the database finishes its run");
        var journal = await JournalAsync(c);
        journal.Where(j => j.Status == JournalStatus.Succeeded && j.Version > 2).Should().OnlyContain(j => j.RunId == result.RunId, "only the first runner applied anything");
        journal.Should().NotContain(j => j.Status == JournalStatus.Incomplete);
        (await DatabaseSnapshot.CaptureAsync(c.Database)).History.Select(h => h.Version).Should().Equal(1, 2, 3, 4);
    }

    private static async Task<IReadOnlyList<JournalEntry>> JournalAsync(BadInputContext c) => (await DatabaseSnapshot.CaptureAsync(c.Database)).Journal;
}
