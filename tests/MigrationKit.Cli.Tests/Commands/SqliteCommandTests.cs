using System.Text.Json;
using MigrationKit.Cli.Tests.Support;

namespace MigrationKit.Cli.Tests.Commands;

/// <summary>Every command of the tool, run as a process against a SQLite file, in tables and in JSON.</summary>
public sealed class SqliteCommandTests
{
    private const long V1 = 2026_12_01_0900;
    private const long V2 = 2026_12_01_0930;
    private const long V3 = 2026_12_01_1000;

    private SqliteFile _db = null!;

    [SetUp]
    public void CreateDatabase() => _db = new SqliteFile();

    [TearDown]
    public void DeleteDatabase() => _db.Dispose();

    [Test]
    public async Task Status_on_a_new_database_lists_every_migration_as_pending_in_a_plain_table()
    {
        var result = await _db.RunAsync("status");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().NotContain("\u001b", "stdout is not a terminal: no colour or cursor codes");
        var rows = result.Stdout.Split('\n').Where(l => l.Contains("2026120", StringComparison.Ordinal)).ToArray();
        rows.Should().HaveCount(3);
        rows[0].Should().Contain("202612010900").And.Contain("Create customers").And.Contain("pending");
        rows[2].Should().Contain("202612011000").And.Contain("Add customer email").And.Contain("pending");
        result.Stdout.Should().Contain("Version 0: 0 applied, 3 pending.");
    }

    [Test]
    public async Task Status_exit_code_is_3_while_migrations_are_pending_and_0_once_current()
    {
        (await _db.RunAsync("status", "--exit-code")).ExitCode.Should().Be(3);
        (await _db.RunAsync("status")).ExitCode.Should().Be(0, "without --exit-code pending migrations are not a failure");

        (await _db.RunAsync("up")).ExitCode.Should().Be(0);

        (await _db.RunAsync("status", "--exit-code")).ExitCode.Should().Be(0);
    }

    [Test]
    public async Task Status_json_has_the_documented_shape()
    {
        await _db.RunAsync("up", "--to", V1.ToString());

        var json = (await _db.RunAsync("status", "--json")).Json();

        json.GetProperty("currentVersion").GetInt64().Should().Be(V1);
        json.GetProperty("upToDate").GetBoolean().Should().BeFalse();
        json.GetProperty("pendingCount").GetInt32().Should().Be(2);
        var migrations = json.GetProperty("migrations").EnumerateArray().ToArray();
        migrations.Select(m => m.GetProperty("version").GetInt64()).Should().Equal(V1, V2, V3);
        migrations.Select(m => m.GetProperty("state").GetString()).Should().Equal("applied", "pending", "pending");
        migrations[0].GetProperty("description").GetString().Should().Be("Create customers");
        migrations[0].GetProperty("appliedAt").GetDateTimeOffset().Should().BeAfter(DateTimeOffset.UtcNow.AddHours(-1));
        migrations[0].GetProperty("durationMs").GetDouble().Should().BeGreaterThanOrEqualTo(0);
        migrations[1].GetProperty("appliedAt").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Test]
    public async Task Up_applies_every_pending_migration_including_one_that_needs_a_dependency_of_the_app()
    {
        var result = await _db.RunAsync("up", "--json");

        result.ExitCode.Should().Be(0, result.ToString());
        var json = result.Json();
        json.GetProperty("direction").GetString().Should().Be("up");
        json.GetProperty("fromVersion").GetInt64().Should().Be(0);
        json.GetProperty("toVersion").GetInt64().Should().Be(V3);
        json.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("version").GetInt64()).Should().Equal(V1, V2, V3);
        Guid.Parse(json.GetProperty("runId").GetString()!).Should().NotBeEmpty();
        _db.TableExists("orders").Should().BeTrue();
        // The default comes from a Dapper DbString in the migration: Dapper was resolved from the app's .deps.json.
        _db.Scalar<string>("SELECT dflt_value FROM pragma_table_info('customers') WHERE name = 'email'").Should().Contain("unknown@example.invalid");
    }

    [Test]
    public async Task Up_to_a_version_stops_there_and_a_second_up_has_nothing_to_do()
    {
        var first = await _db.RunAsync("up", "--to", V2.ToString());
        first.ExitCode.Should().Be(0, first.ToString());
        first.Stdout.Should().Contain("Applied 2 migration(s): version 0 -> 202612010930.");
        _db.TableExists("orders").Should().BeTrue();
        _db.Scalar<long>("SELECT count(*) FROM pragma_table_info('customers') WHERE name = 'email'").Should().Be(0);

        (await _db.RunAsync("up")).ExitCode.Should().Be(0);
        var again = await _db.RunAsync("up");

        again.ExitCode.Should().Be(0);
        again.Stdout.Should().Contain("Nothing to do: the database is at version 202612011000.");
    }

    [Test]
    public async Task Up_to_a_version_not_in_the_code_fails_with_exit_code_1_and_changes_nothing()
    {
        var result = await _db.RunAsync("up", "--to", "123");

        result.ExitCode.Should().Be(1, result.ToString());
        result.Stderr.Should().Contain("123");
        _db.TableExists("customers").Should().BeFalse();
    }

    [Test]
    public async Task Down_reverts_to_the_version_given()
    {
        await _db.RunAsync("up");

        var result = await _db.RunAsync("down", "--to", V1.ToString(), "--json");

        result.ExitCode.Should().Be(0, result.ToString());
        var json = result.Json();
        json.GetProperty("direction").GetString().Should().Be("down");
        json.GetProperty("fromVersion").GetInt64().Should().Be(V3);
        json.GetProperty("toVersion").GetInt64().Should().Be(V1);
        json.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("version").GetInt64()).Should().Equal(V3, V2);
        _db.TableExists("orders").Should().BeFalse();
        _db.TableExists("customers").Should().BeTrue();
    }

    [Test]
    public async Task Rollback_without_a_safe_down_or_a_checkpoint_refuses_and_names_the_migration()
    {
        await _db.RunAsync("up");
        // The Down drops customers.email: judged on the data, so the column must hold a value for it to lose one.
        _db.Execute("INSERT INTO customers (id, name, email) VALUES (1, 'Ada', 'ada@example.invalid')");

        var result = await _db.RunAsync("rollback");

        result.ExitCode.Should().Be(1, result.ToString());
        result.Stderr.Should().Contain("202612011000").And.Contain("drop column customers.email");
        _db.Scalar<long>("SELECT count(*) FROM pragma_table_info('customers') WHERE name = 'email'").Should().Be(1, "nothing was rolled back");
    }

    [Test]
    public async Task Rollback_restores_the_checkpoint_at_the_target_when_the_down_would_lose_data()
    {
        await _db.RunAsync("up", "--to", V2.ToString());
        (await _db.RunAsync("checkpoint", "create", "--checkpoint-dir", _db.CheckpointDirectory)).ExitCode.Should().Be(0);
        await _db.RunAsync("up");
        _db.Execute("INSERT INTO customers (id, name, email) VALUES (1, 'Ada', 'ada@example.invalid')");

        var result = await _db.RunAsync("rollback", "--steps", "1", "--checkpoint-dir", _db.CheckpointDirectory, "--json");

        result.ExitCode.Should().Be(0, result.ToString());
        var json = result.Json();
        json.GetProperty("method").GetString().Should().Be("physical");
        json.GetProperty("fromVersion").GetInt64().Should().Be(V3);
        json.GetProperty("toVersion").GetInt64().Should().Be(V2);
        json.GetProperty("reverted").EnumerateArray().Select(v => v.GetInt64()).Should().Equal(V3);
        json.GetProperty("checkpoint").GetProperty("version").GetInt64().Should().Be(V2);
        json.GetProperty("reason").GetString().Should().Contain("drop column customers.email");
        _db.Scalar<long>("SELECT count(*) FROM pragma_table_info('customers') WHERE name = 'email'").Should().Be(0);
        _db.Scalar<long>("SELECT count(*) FROM customers").Should().Be(0, "the checkpoint was taken before the row was written");
    }

    [Test]
    public async Task Script_prints_the_sql_of_the_pending_migrations_without_running_it()
    {
        var sql = await _db.RunAsync("script", "--to", V2.ToString());

        sql.ExitCode.Should().Be(0, sql.ToString());
        sql.Stdout.Should().Contain("-- 202612010900 Create customers (Up)").And.Contain("CREATE TABLE").And.Contain("orders");
        sql.Stdout.Should().NotContain("email");
        _db.TableExists("customers").Should().BeFalse("a script changes nothing");

        var json = (await _db.RunAsync("script", "--json")).Json();
        var steps = json.GetProperty("steps").EnumerateArray().ToArray();
        steps.Select(s => s.GetProperty("version").GetInt64()).Should().Equal(V1, V2, V3);
        steps[0].GetProperty("transactional").GetBoolean().Should().BeTrue();
        steps[0].GetProperty("direction").GetString().Should().Be("up");
        steps[0].GetProperty("statements").EnumerateArray().Select(s => s.GetString()).Should().Contain(s => s!.Contains("CREATE TABLE", StringComparison.Ordinal) && s.Contains("customers", StringComparison.Ordinal));
        _db.TableExists("customers").Should().BeFalse();
    }

    [Test]
    public async Task History_lists_the_applied_migrations_with_their_checksums()
    {
        await _db.RunAsync("up", "--to", V2.ToString());

        var table = await _db.RunAsync("history");
        var json = (await _db.RunAsync("history", "--json")).Json();

        table.ExitCode.Should().Be(0);
        table.Stdout.Should().Contain("Create customers").And.Contain("Create orders").And.Contain("2 applied migration(s).");
        var rows = json.GetProperty("migrations").EnumerateArray().ToArray();
        rows.Select(r => r.GetProperty("version").GetInt64()).Should().Equal(V1, V2);
        rows[0].GetProperty("checksum").GetString().Should().Be(_db.Scalar<string>($"SELECT checksum FROM __migrationkit_history WHERE version = {V1}"));
        rows[0].GetProperty("appliedBy").GetString().Should().Contain("@");
        rows[0].GetProperty("libraryVersion").GetString().Should().NotBeNullOrEmpty();
    }

    [Test]
    public async Task Journal_lists_every_step_including_a_failed_one_with_its_error()
    {
        var failed = await Tool.RunAsync(["up", .. _db.Target(Paths.Broken)], environment: null);
        failed.ExitCode.Should().Be(1, failed.ToString());

        var json = (await Tool.RunAsync(["journal", "--json", .. _db.Target(Paths.Broken)], environment: null)).Json();
        var table = await Tool.RunAsync(["journal", .. _db.Target(Paths.Broken)], environment: null);

        var entries = json.GetProperty("entries").EnumerateArray().ToArray();
        entries.Should().Contain(e => e.GetProperty("version").GetInt64() == 2026_12_02_0900 && e.GetProperty("action").GetString() == "up" && e.GetProperty("status").GetString() == "succeeded");
        var failure = entries.Single(e => e.GetProperty("status").GetString() == "failed");
        failure.GetProperty("version").GetInt64().Should().Be(2026_12_02_0930);
        failure.GetProperty("error").GetString().Should().Contain("no_such_table");
        entries.Select(e => e.GetProperty("id").GetInt64()).Should().BeInAscendingOrder();
        table.Stdout.Should().Contain("Failed").And.Contain("no_such_table");
    }

    [Test]
    public async Task Runs_lists_each_run_newest_first_and_stats_count_the_failure()
    {
        const long widgets = 2026_12_02_0900;
        Task<CliResult> Broken(params string[] args) => Tool.RunAsync([.. args, .. _db.Target(Paths.Broken)], environment: null);
        (await Broken("up", "--to", widgets.ToString())).ExitCode.Should().Be(0);
        (await Broken("up", "--to", widgets.ToString())).ExitCode.Should().Be(0, "nothing pending: no run is recorded");
        var failed = await Broken("up");
        failed.ExitCode.Should().Be(1, failed.ToString());

        var json = (await Broken("runs", "--json")).Json();
        var table = await Broken("runs");
        var stats = (await Broken("runs", "--stats", "--json")).Json();
        var statsTable = await Broken("runs", "--stats");

        var runs = json.GetProperty("runs").EnumerateArray().ToArray();
        runs.Select(r => r.GetProperty("outcome").GetString()).Should().Equal("failed", "succeeded");
        runs.Select(r => r.GetProperty("stepsApplied").GetInt32()).Should().Equal(0, 1);
        runs[1].GetProperty("command").GetString().Should().Be("up");
        runs[1].GetProperty("target").GetString().Should().Be(widgets.ToString());
        runs[1].GetProperty("fromVersion").GetInt64().Should().Be(0);
        runs[1].GetProperty("toVersion").GetInt64().Should().Be(widgets);
        runs[0].GetProperty("target").GetString().Should().Be("latest");
        runs[0].GetProperty("error").GetString().Should().Contain("no_such_table");
        runs[0].GetProperty("processId").GetInt32().Should().NotBe(runs[1].GetProperty("processId").GetInt32(), "each run was its own process");
        var runId = runs[1].GetProperty("runId").GetGuid();
        runs[1].GetProperty("entries").EnumerateArray().Should().HaveCount(2, "one migration, started and succeeded")
            .And.OnlyContain(e => e.GetProperty("runId").GetGuid() == runId);
        table.Stdout.Should().Contain("Failed").And.Contain("Succeeded").And.Contain("Migration 202612020930 'Fill a table that does not exist' failed (Up)").And.Contain("2 runs.");
        table.Stdout.Should().NotContain("no_such_table", "the table shows the error's first line; the JSON has it whole");

        var total = stats.GetProperty("total");
        total.GetProperty("runs").GetInt32().Should().Be(2);
        total.GetProperty("failures").GetInt32().Should().Be(1);
        total.GetProperty("errorRate").GetDouble().Should().Be(0.5);
        total.GetProperty("steps").GetInt32().Should().Be(1);
        stats.GetProperty("days").EnumerateArray().Sum(d => d.GetProperty("runs").GetInt32()).Should().Be(2);
        statsTable.Stdout.Should().Contain("total").And.Contain("50.0%");

        var none = await Broken("runs", "--since", DateTimeOffset.UtcNow.AddDays(1).ToString("O"));
        none.Stdout.Should().Contain("0 runs.");
        var bad = await Broken("runs", "--since", "yesterday-ish");
        bad.ExitCode.Should().NotBe(0);
        bad.Stderr.Should().Contain("--since 'yesterday-ish' is not a time");
    }

    [Test]
    public async Task A_failing_migration_exits_1_naming_the_version_and_leaves_its_changes_rolled_back()
    {
        var result = await Tool.RunAsync(["up", .. _db.Target(Paths.Broken)], environment: null);

        result.ExitCode.Should().Be(1, result.ToString());
        result.Stderr.Should().Contain("202612020930").And.Contain("no_such_table");
        _db.TableExists("widgets").Should().BeTrue("the migration before the failing one was applied and committed");
        _db.Scalar<long>("SELECT count(*) FROM __migrationkit_history").Should().Be(1);
    }

    [Test]
    public async Task Validate_passes_when_history_matches_and_fails_with_exit_1_on_an_edited_migration_until_repaired()
    {
        await _db.RunAsync("up");
        var valid = await _db.RunAsync("validate", "--json");
        valid.ExitCode.Should().Be(0, valid.ToString());
        valid.Json().GetProperty("valid").GetBoolean().Should().BeTrue();

        // As if the migration had been edited after it was applied.
        _db.Execute($"UPDATE __migrationkit_history SET checksum = 'v1:0000' WHERE version = {V2}");

        var invalid = await _db.RunAsync("validate", "--json");
        invalid.ExitCode.Should().Be(1, invalid.ToString());
        var json = invalid.Json();
        json.GetProperty("valid").GetBoolean().Should().BeFalse();
        var problem = json.GetProperty("problems").EnumerateArray().Single();
        problem.GetProperty("version").GetInt64().Should().Be(V2);
        problem.GetProperty("state").GetString().Should().Be("modified");
        invalid.Stderr.Should().Contain("202612010930").And.Contain("migrationkit repair");
        (await _db.RunAsync("status", "--exit-code")).ExitCode.Should().Be(1, "an edited migration is a failure for --exit-code");

        var repair = await _db.RunAsync("repair", "--json");
        repair.ExitCode.Should().Be(0, repair.ToString());
        repair.Json().GetProperty("versions").EnumerateArray().Select(v => v.GetInt64()).Should().Equal(V2);

        (await _db.RunAsync("validate")).ExitCode.Should().Be(0);
        (await _db.RunAsync("repair")).Stdout.Should().Contain("Nothing to repair");
    }

    [Test]
    public async Task Sql_dir_migrations_apply_show_in_status_and_roll_back_through_their_U_file()
    {
        var sql = Path.Combine(_db.Directory, "sql");
        Directory.CreateDirectory(sql);
        await File.WriteAllTextAsync(Path.Combine(sql, "V1__Create_things.sql"), "CREATE TABLE things (id INTEGER PRIMARY KEY, name TEXT NOT NULL);");
        await File.WriteAllTextAsync(Path.Combine(sql, "U1__Create_things.sql"), "DROP TABLE things;");
        await File.WriteAllTextAsync(Path.Combine(sql, "V2__Seed_things.sql"), "INSERT INTO things (id, name) VALUES (1, 'one');");
        await File.WriteAllTextAsync(Path.Combine(sql, "U2__Seed_things.sql"), "DELETE FROM things WHERE id = 1;");
        string[] target = ["--connection", _db.ConnectionString, "--sql-dir", sql];

        var up = await Tool.RunAsync(["up", "--json", .. target]);
        up.ExitCode.Should().Be(0, up.ToString());
        up.Json().GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("version").GetInt64()).Should().Equal(1L, 2L);
        _db.Scalar<long>("SELECT count(*) FROM things").Should().Be(1);

        var status = await Tool.RunAsync(["status", "--json", .. target]);
        status.Json().GetProperty("migrations").EnumerateArray().Select(m => m.GetProperty("description").GetString()).Should().Equal("Create things", "Seed things");

        // The rollback manager will not trust raw SQL it cannot judge without a checkpoint; 'down' runs the U files as asked.
        var rollback = await Tool.RunAsync(["rollback", "--steps", "2", .. target]);
        rollback.ExitCode.Should().Be(1, rollback.ToString());
        rollback.Stderr.Should().Contain("raw SQL");
        var down = await Tool.RunAsync(["down", "--to", "0", .. target]);
        down.ExitCode.Should().Be(0, down.ToString());
        _db.TableExists("things").Should().BeFalse("U1 dropped the table");

        var missing = await Tool.RunAsync(["status", "--connection", _db.ConnectionString, "--sql-dir", Path.Combine(sql, "nope")]);
        missing.ExitCode.Should().Be(1);
        missing.Stderr.Should().Contain("does not exist");
    }

    [Test]
    public async Task Plan_grades_on_the_data_and_exits_5_above_max_risk()
    {
        await _db.RunAsync("up");

        var empty = await _db.RunAsync("plan", "--rollback", "2", "--max-risk", "Low");
        empty.ExitCode.Should().Be(0, empty.ToString());
        empty.Stdout.Should().Contain("MK113").And.Contain("it is empty");

        _db.Execute("INSERT INTO customers (id, name, email) VALUES (1, 'Ann', 'ann@example.com')");
        var risky = await _db.RunAsync("plan", "--rollback", "2", "--max-risk", "Medium");
        risky.ExitCode.Should().Be(5, risky.ToString());
        risky.Stderr.Should().Contain("above --max-risk Medium").And.Contain("MK190");

        var json = await _db.RunAsync("plan", "--rollback", "2", "--json");
        json.ExitCode.Should().Be(0, json.ToString());
        var document = json.Json();
        document.GetProperty("direction").GetString().Should().Be("Down");
        document.GetProperty("level").GetString().Should().Be("Critical");
        document.GetProperty("steps").GetArrayLength().Should().Be(2);

        (await _db.RunAsync("plan", "--to", "1", "--rollback", "1")).ExitCode.Should().Be(1, "one kind of plan at a time");
    }

    [Test]
    public async Task Up_with_targets_migrates_a_fleet_and_reports_each_target_with_a_failing_one_named()
    {
        var file = Path.Combine(_db.Directory, "targets.txt");
        var a = Path.Combine(_db.Directory, "tenant-a.db");
        var b = Path.Combine(_db.Directory, "tenant-b.db");
        await File.WriteAllLinesAsync(file,
        [
            "# tenants",
            $"tenant-a = Data Source={a}",
            $"tenant-b = Data Source={b}",
            $"broken = Data Source={Path.Combine(_db.Directory, "no-such-folder", "x.db")};Mode=ReadWrite",
        ]);

        var run = await Tool.RunAsync(["up", "--targets", file, "--json", "--assembly", Paths.TestMigrations, "--migrations-namespace", Paths.Shop]);

        run.ExitCode.Should().Be(1, run.ToString());
        var json = run.Json();
        json.GetProperty("succeeded").GetBoolean().Should().BeFalse();
        var targets = json.GetProperty("targets").EnumerateArray().ToDictionary(t => t.GetProperty("target").GetString()!, t => t);
        targets.Keys.Should().BeEquivalentTo("tenant-a", "tenant-b", "broken");
        targets["tenant-a"].GetProperty("outcome").GetString().Should().Be("migrated");
        targets["tenant-a"].GetProperty("applied").GetArrayLength().Should().Be(3);
        targets["tenant-b"].GetProperty("outcome").GetString().Should().Be("migrated");
        targets["broken"].GetProperty("outcome").GetString().Should().Be("failed");
        targets["broken"].GetProperty("error").GetString().Should().NotBeNullOrEmpty();

        var again = await Tool.RunAsync(["up", "--targets", file, "--assembly", Paths.TestMigrations, "--migrations-namespace", Paths.Shop]);
        again.Stdout.Should().Contain("UpToDate").And.Contain("2 current, 1 failed");

        await File.WriteAllTextAsync(file, "a = Data Source=x.db\na = Data Source=y.db\n");
        var duplicate = await Tool.RunAsync(["up", "--targets", file, "--assembly", Paths.TestMigrations]);
        duplicate.ExitCode.Should().Be(1);
        duplicate.Stderr.Should().Contain("names target 'a' a second time");
    }

    [Test]
    public async Task Data_plan_run_status_and_validate_move_a_whole_database_and_catch_a_changed_row()
    {
        var target = Path.Combine(_db.Directory, "target.db");
        string[] targetMigrations = ["--connection", $"Data Source={target}", "--assembly", Paths.TestMigrations, "--migrations-namespace", Paths.Shop];
        await _db.RunAsync("up");
        (await Tool.RunAsync(["up", .. targetMigrations])).ExitCode.Should().Be(0);
        _db.Execute("INSERT INTO customers (id, name, email) VALUES (1, 'Ann', 'ann@example.com'), (2, 'Bob', 'bob@example.com')");
        _db.Execute("INSERT INTO orders (id, customer_id) VALUES (10, 1), (11, 2), (12, 2)");
        string[] move = ["--from", _db.ConnectionString, "--to", $"Data Source={target}", "--name", "copy"];

        (await Tool.RunAsync(["data", "status", "--to", $"Data Source={target}"])).Stdout.Should().Contain("No data move has run");
        var plan = await Tool.RunAsync(["data", "plan", "--json", .. move]);
        plan.ExitCode.Should().Be(0, plan.ToString());
        plan.Json().GetProperty("sourceRows").GetInt64().Should().Be(5);
        plan.Json().GetProperty("tables").EnumerateArray().Select(t => (t.GetProperty("move").GetString(), t.GetProperty("sourceRows").GetInt64(), t.GetProperty("batches").GetInt64()))
            .Should().Equal(("copy.customers", 2L, 1L), ("copy.orders", 3L, 1L));
        var planText = await Tool.RunAsync(["data", "plan", .. move]);
        planText.Stdout.Should().Contain("Nothing was moved").And.Contain("copy.orders");
        (await Tool.RunAsync(["data", "status", "--to", $"Data Source={target}"])).Stdout.Should().Contain("No data move has run", "planning moved nothing");
        var run = await Tool.RunAsync(["data", "run", "--json", .. move]);
        run.ExitCode.Should().Be(0, run.ToString());
        var tables = run.Json().GetProperty("tables").EnumerateArray().ToDictionary(t => t.GetProperty("move").GetString()!, t => t.GetProperty("rowsWritten").GetInt64());
        tables.Should().Equal(new Dictionary<string, long> { ["copy.customers"] = 2, ["copy.orders"] = 3 });

        var status = await Tool.RunAsync(["data", "status", "--json", "--to", $"Data Source={target}", "--name", "copy"]);
        status.ExitCode.Should().Be(0, status.ToString());
        status.Json().GetProperty("runs").EnumerateArray().Select(r => (r.GetProperty("move").GetString(), r.GetProperty("status").GetString()))
            .Should().Equal(("copy.customers", "completed"), ("copy.orders", "completed"));

        var valid = await Tool.RunAsync(["data", "validate", .. move]);
        valid.ExitCode.Should().Be(0, valid.ToString());

        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={target}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE customers SET name = 'Changed' WHERE id = 2";
            command.ExecuteNonQuery();
        }

        var invalid = await Tool.RunAsync(["data", "validate", "--json", .. move]);
        invalid.ExitCode.Should().Be(1, invalid.ToString());
        var customers = invalid.Json().GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("move").GetString() == "copy.customers");
        customers.GetProperty("valid").GetBoolean().Should().BeFalse();
        customers.GetProperty("differences").EnumerateArray().Select(d => d.GetString()).Should().ContainSingle().Which.Should().Contain("2");

        (await Tool.RunAsync(["data", "run", "--to", $"Data Source={target}"])).ExitCode.Should().Be(1, "--from is required");
    }

    [Test]
    public async Task Drift_reports_a_hand_change_with_its_fix_and_exit_4_with_exit_code()
    {
        await _db.RunAsync("up");
        var clean = await _db.RunAsync("drift", "--exit-code");
        clean.ExitCode.Should().Be(0, clean.ToString());
        clean.Stdout.Should().Contain("No drift");

        _db.Execute("CREATE TABLE scratch (id INTEGER PRIMARY KEY)");

        var drifted = await _db.RunAsync("drift", "--json", "--exit-code");
        drifted.ExitCode.Should().Be(4, drifted.ToString());
        var json = drifted.Json();
        json.GetProperty("drift").GetBoolean().Should().BeTrue();
        var difference = json.GetProperty("differences").EnumerateArray().Single();
        difference.GetProperty("kind").GetString().Should().Be("unexpected");
        difference.GetProperty("objectKind").GetString().Should().Be("table");
        difference.GetProperty("table").GetString().Should().Be("scratch");
        difference.GetProperty("fix").EnumerateArray().Select(f => f.GetString()).Should().Equal("DROP TABLE \"scratch\"");

        var ignored = await _db.RunAsync("drift", "--exit-code", "--ignore", "scr*");
        ignored.ExitCode.Should().Be(0, ignored.ToString());
        (await _db.RunAsync("drift")).ExitCode.Should().Be(0, "without --exit-code drift is a finding, not a failure");
    }

    [Test]
    public async Task Baseline_records_the_migrations_up_to_the_version_without_running_them()
    {
        _db.Execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");

        var result = await _db.RunAsync("baseline", V1.ToString(), "--json");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Json().GetProperty("versions").EnumerateArray().Select(v => v.GetInt64()).Should().Equal(V1);
        var status = (await _db.RunAsync("status", "--json")).Json();
        status.GetProperty("migrations").EnumerateArray().Select(m => m.GetProperty("state").GetString()).Should().Equal("applied", "pending", "pending");
        (await _db.RunAsync("up")).ExitCode.Should().Be(0, "the remaining migrations apply over the baselined schema");
    }

    [Test]
    public async Task Checkpoint_create_list_verify_restore_and_prune()
    {
        await _db.RunAsync("up", "--to", V1.ToString());
        _db.Execute("INSERT INTO customers (id, name) VALUES (1, 'Ada')");
        string[] dir = ["--checkpoint-dir", _db.CheckpointDirectory];

        var create = await _db.RunAsync(["checkpoint", "create", "--description", "before orders", "--json", .. dir]);
        create.ExitCode.Should().Be(0, create.ToString());
        var checkpoint = create.Json().GetProperty("checkpoint");
        var id = checkpoint.GetProperty("id").GetString()!;
        checkpoint.GetProperty("version").GetInt64().Should().Be(V1);
        checkpoint.GetProperty("kind").GetString().Should().Be("milestone");
        checkpoint.GetProperty("level").GetString().Should().Be("full");
        checkpoint.GetProperty("provider").GetString().Should().Be("sqlite");
        checkpoint.GetProperty("description").GetString().Should().Be("before orders");
        File.Exists(Path.Combine(_db.CheckpointDirectory, checkpoint.GetProperty("fileName").GetString()!)).Should().BeTrue();
        // Progress goes to stderr, as plain lines because stderr is not a terminal.
        create.Stderr.Should().Contain("Taking a full checkpoint of Data Source=").And.Contain(": done in ");
        create.Stderr.Should().NotContain("\u001b");

        var list = await _db.RunAsync(["checkpoint", "list", "--json", .. dir]);
        list.Json().GetProperty("checkpoints").EnumerateArray().Select(c => c.GetProperty("id").GetString()).Should().Equal(id);
        (await _db.RunAsync(["checkpoint", "list", .. dir])).Stdout.Should().Contain(id).And.Contain("before orders");

        var verify = await _db.RunAsync(["checkpoint", "verify", id, .. dir]);
        verify.ExitCode.Should().Be(0, verify.ToString());
        verify.Stdout.Should().Contain($"Checkpoint {id} is sound");

        await _db.RunAsync("up");
        _db.Execute("DELETE FROM customers");

        var restore = await _db.RunAsync(["checkpoint", "restore", id, "--json", .. dir]);
        restore.ExitCode.Should().Be(0, restore.ToString());
        var restored = restore.Json();
        restored.GetProperty("version").GetInt64().Should().Be(V1);
        restored.GetProperty("checkpoint").GetProperty("id").GetString().Should().Be(id);
        restored.GetProperty("migrations").EnumerateArray().Select(m => m.GetProperty("state").GetString()).Should().Equal("applied", "pending", "pending");
        restore.Stderr.Should().Contain($"Restoring checkpoint {id}");
        _db.Scalar<string>("SELECT name FROM customers WHERE id = 1").Should().Be("Ada");
        _db.TableExists("orders").Should().BeFalse();

        var prune = await _db.RunAsync(["checkpoint", "prune", "--json", .. dir]);
        prune.ExitCode.Should().Be(0, prune.ToString());
        prune.Json().GetProperty("checkpoints").GetArrayLength().Should().Be(0, "a milestone is kept until deleted by hand");
    }

    [Test]
    public async Task Checkpoint_verify_of_a_damaged_file_exits_1_and_says_so()
    {
        await _db.RunAsync("up", "--to", V1.ToString());
        string[] dir = ["--checkpoint-dir", _db.CheckpointDirectory];
        var checkpoint = (await _db.RunAsync(["checkpoint", "create", "--json", .. dir])).Json().GetProperty("checkpoint");
        var file = Path.Combine(_db.CheckpointDirectory, checkpoint.GetProperty("fileName").GetString()!);
        await using (var stream = new FileStream(file, FileMode.Open))
        {
            stream.SetLength(stream.Length / 2);
        }

        var verify = await _db.RunAsync(["checkpoint", "verify", checkpoint.GetProperty("id").GetString()!, "--json", .. dir]);

        verify.ExitCode.Should().Be(1, verify.ToString());
        var error = verify.Json().GetProperty("error");
        error.GetProperty("exitCode").GetInt32().Should().Be(1);
        error.GetProperty("kind").GetString().Should().Be("CheckpointException");
        verify.Stderr.Should().Contain(checkpoint.GetProperty("id").GetString());
    }

    [Test]
    public async Task Checkpoint_commands_without_a_folder_exit_1_and_name_the_option()
    {
        var result = await _db.RunAsync("checkpoint", "list");

        result.ExitCode.Should().Be(1, result.ToString());
        result.Stderr.Should().Contain("--checkpoint-dir").And.Contain("MIGRATIONKIT_CHECKPOINT_DIR");
    }

    [Test]
    public async Task Verbose_shows_the_sql_on_stderr_and_keeps_stdout_for_the_result()
    {
        var result = await _db.RunAsync("up", "--to", V1.ToString(), "--verbose", "--json");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stderr.Should().Contain("Executing SQL: CREATE TABLE");
        result.Json().GetProperty("toVersion").GetInt64().Should().Be(V1, "stdout holds only the JSON document");
    }

    [Test]
    public async Task The_connection_and_the_assembly_can_come_from_the_environment()
    {
        var environment = new Dictionary<string, string>
        {
            ["MIGRATIONKIT_CONNECTION"] = _db.ConnectionString,
            ["MIGRATIONKIT_ASSEMBLY"] = Paths.TestMigrations,
        };

        var result = await Tool.RunAsync(["up", "--migrations-namespace", Paths.Shop, "--json"], environment);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Json().GetProperty("toVersion").GetInt64().Should().Be(V3);
    }
}
