using System.Diagnostics;
using MigrationKit.History;
using MigrationKit.Inspection;
using MigrationKit.Operations;
using MigrationKit.PostgreSql.Checkpoints;
using MigrationKit.PostgreSql.Tests.Running.PgDump;
using MigrationKit.PostgreSql.Tests.Support;
using Npgsql;

namespace MigrationKit.PostgreSql.Tests.Running;

/// <summary>
/// Issue 12 part 2: raw SQL cannot break the runner's own bookkeeping. A <c>pg_dump --schema-only</c> script (whose first
/// statements empty <c>search_path</c>) runs verbatim as a migration; what a migration does to its session (search_path,
/// role, SET variables) reaches neither the history nor the next migration; a failure of the runner's own statement says
/// so and carries that statement.
/// </summary>
public sealed class RawSqlBookkeepingTests : DatabaseTest
{
    /// <summary>A small shop schema with every kind of object a real dump holds.</summary>
    private const string ShopSchema = """
        CREATE SCHEMA shop;
        CREATE TYPE shop.order_status AS ENUM ('new', 'paid', 'shipped', 'cancelled');
        CREATE DOMAIN shop.email AS text COLLATE "C" NOT NULL CHECK (VALUE ~ '^[^@]+@[^@]+$');
        CREATE DOMAIN shop.positive_amount AS numeric(12,2) DEFAULT 0 CHECK (VALUE >= 0);
        CREATE SEQUENCE shop.invoice_number AS integer START WITH 1000 INCREMENT BY 10 MINVALUE 1000 MAXVALUE 999999 CACHE 5 CYCLE;
        CREATE TABLE shop.customers (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email shop.email UNIQUE, name text NOT NULL,
            updated_at timestamptz NOT NULL DEFAULT now());
        CREATE TABLE shop.orders (id bigserial, customer_id bigint NOT NULL REFERENCES shop.customers(id) ON DELETE CASCADE,
            status shop.order_status NOT NULL DEFAULT 'new', total shop.positive_amount, placed_on date NOT NULL,
            invoice integer DEFAULT nextval('shop.invoice_number'), PRIMARY KEY (id, placed_on)) PARTITION BY RANGE (placed_on);
        CREATE TABLE shop.orders_2025 PARTITION OF shop.orders FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
        CREATE TABLE shop.orders_2026 PARTITION OF shop.orders FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
        CREATE TABLE shop.orders_other PARTITION OF shop.orders DEFAULT;
        ALTER SEQUENCE shop.invoice_number OWNED BY shop.orders.invoice;
        CREATE INDEX ix_orders_status ON shop.orders (status);
        CREATE FUNCTION shop.touch() RETURNS trigger LANGUAGE plpgsql AS $body$
        BEGIN
          -- a semicolon; 'quotes' and $$ inside the body
          NEW.updated_at := now();
          RETURN NEW;
        END;
        $body$;
        CREATE FUNCTION shop.order_total(p_customer bigint) RETURNS numeric LANGUAGE sql STABLE AS $$
          SELECT coalesce(sum(total), 0) FROM shop.orders WHERE customer_id = p_customer AND status <> 'cancelled';
        $$;
        CREATE TRIGGER customers_touch BEFORE UPDATE ON shop.customers FOR EACH ROW EXECUTE FUNCTION shop.touch();
        CREATE VIEW shop.open_orders AS SELECT o.id, c.email, o.total FROM shop.orders o JOIN shop.customers c ON c.id = o.customer_id
            WHERE o.status IN ('new', 'paid');
        CREATE MATERIALIZED VIEW shop.customer_totals AS SELECT c.id AS customer_id, shop.order_total(c.id) AS total FROM shop.customers c WITH NO DATA;
        CREATE UNIQUE INDEX ux_customer_totals ON shop.customer_totals (customer_id);
        COMMENT ON TABLE shop.orders IS 'Orders; partitioned by year';
        """;

    [Test]
    public async Task MigrateUp_PgDumpSchemaOnlyScriptVerbatim_AppliesAndKeepsBookkeeping()
    {
        PgDumpScript.Text = await DumpSchemaAsync(ShopSchema);
        PgDumpScript.Text.Should().Contain("SELECT pg_catalog.set_config('search_path', '', false);").And.Contain("AS $_$").And.Contain("AS $$").And.Contain("PARTITION BY RANGE").And.Contain("ATTACH PARTITION")
            .And.Contain("CREATE MATERIALIZED VIEW").And.Contain("CREATE TRIGGER").And.Contain("CREATE DOMAIN").And.Contain("AS ENUM");
        if (WritesRestrictLines(PgDumpScript.Text))
        {
            PgDumpScript.Text.Should().MatchRegex(@"(?m)^\\restrict \w+$").And.MatchRegex(@"(?m)^\\unrestrict \w+$");
        }

        await using var runner = Database.Runner("MigrationKit.PostgreSql.Tests.Running.PgDump");

        var result = await runner.MigrateUpAsync();

        result.Steps.Select(s => s.Version).Should().Equal(1, 2);
        (await Database.ColumnAsync("SELECT table_schema || '.' || table_name FROM information_schema.tables WHERE table_name IN ('notes', '__migrationkit_history', '__migrationkit_journal') ORDER BY 1"))
            .Should().Equal(["public.__migrationkit_history", "public.__migrationkit_journal", "public.notes"], "the dump's empty search_path did not reach the next migration or the history");
        (await Database.ScalarAsync<long>("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'shop'"))
            .Should().BeGreaterThan(10, "the dump's objects were created");
        var schema = await runner.ReadSchemaAsync();
        schema.EnumTypes.Should().ContainSingle().Which.Should().BeEquivalentTo(new EnumTypeSchema(new("order_status", "shop"), ["new", "paid", "shipped", "cancelled"]), o => o.WithStrictOrdering());
        schema.Domains.Select(d => d.Name.ToString()).Should().BeEquivalentTo(["shop.email", "shop.positive_amount"]);
        schema.Sequences.Should().Contain(s => s.Name == new QualifiedName("invoice_number", "shop") && s.OwnedByTable == new QualifiedName("orders", "shop") && s.OwnedByColumn == "invoice");
        schema.PartitionedTables.Should().ContainSingle().Which.Partitions.Select(p => p.Name.Name).Should().Equal("orders_2025", "orders_2026", "orders_other");
        schema.MaterializedViews.Should().ContainSingle().Which.Indexes.Should().ContainSingle(i => i.Name == "ux_customer_totals" && i.IsUnique);
        var status = await runner.GetStatusAsync();
        status.Migrations.Select(m => (m.Version, m.State)).Should().Equal((1L, MigrationState.Applied), (2L, MigrationState.Applied));
        (await runner.GetHistoryAsync()).Select(h => h.Version).Should().Equal(1, 2);
        (await runner.GetJournalAsync()).Should().OnlyContain(j => j.Status == JournalStatus.Started || j.Status == JournalStatus.Succeeded);

        await runner.MigrateDownAsync(0);

        (await Database.ScalarAsync<long>("SELECT count(*) FROM pg_namespace WHERE nspname = 'shop'")).Should().Be(0);
        (await runner.GetHistoryAsync()).Should().BeEmpty();
        var report = await runner.CheckReversibilityAsync();
        report.IsReversible.Should().BeTrue(report.ToString());
        report.Checked.Should().Equal(1, 2);
        (await runner.GetHistoryAsync()).Select(h => h.Version).Should().Equal(1, 2);
    }

    [Test]
    public async Task CheckReversibility_DownLeavesEnumAndDomainBehind_ReportsThem()
    {
        await using var runner = Database.Runner("MigrationKit.PostgreSql.Tests.Running.IncompleteDown");

        var report = await runner.CheckReversibilityAsync();

        report.IsReversible.Should().BeFalse();
        report.Problems.Should().ContainSingle().Which.AfterDown.Should().BeEquivalentTo(
        [
            new SchemaDifference(SchemaDifferenceKind.Unexpected, SchemaObjectKind.EnumType, null, "mood", null, "('sad', 'happy')"),
            new SchemaDifference(SchemaDifferenceKind.Unexpected, SchemaObjectKind.Domain, null, "percent", null, "INTEGER CONSTRAINT percent_check CHECK (VALUE >= 0 AND VALUE <= 100)"),
        ]);
    }

    [Test]
    public async Task MigrateUp_MigrationsChangeSearchPathRoleAndSettings_NothingLeaksIntoBookkeepingOrNextMigration()
    {
        await using var runner = Database.Runner("MigrationKit.PostgreSql.Tests.Running.SessionLeak");

        var result = await runner.MigrateUpAsync();

        result.Steps.Select(s => s.Version).Should().Equal(1, 2, 3);
        (await Database.ColumnAsync("SELECT search_path || ' | ' || role || ' | ' || work_mem FROM public.session_probe"))
            .Should().Equal(["\"$user\", public | postgres | 4MB"], "each migration starts from the connection's own settings");
        (await Database.ScalarAsync<string>("SELECT tableowner FROM pg_tables WHERE tablename = 'session_probe'")).Should().Be("postgres");
        (await runner.GetHistoryAsync()).Select(h => h.Version).Should().Equal(1, 2, 3);
        (await runner.GetJournalAsync()).Where(j => j.Status == JournalStatus.Succeeded).Select(j => j.Version).Should().Equal(1L, 2L, 3L);

        await runner.MigrateDownAsync(0);
        (await Database.ScalarAsync<long>("SELECT count(*) FROM pg_namespace WHERE nspname = 'elsewhere'")).Should().Be(0);
        var report = await runner.CheckReversibilityAsync();
        report.IsReversible.Should().BeTrue(report.ToString());
    }

    [Test]
    public async Task MigrateUp_ConfiguredSchemaOverCallersDataSource_SearchPathComesBackToThatSchema()
    {
        await using var dataSource = NpgsqlDataSource.Create(Database.ConnectionString);
        await using var runner = new MigrationRunnerBuilder()
            .UsePostgreSql(dataSource, o => o.Schema = "tenant")
            .AddMigrationsFrom(typeof(RawSqlBookkeepingTests).Assembly, "MigrationKit.PostgreSql.Tests.Running.SessionLeak")
            .Build();

        await runner.MigrateUpAsync();

        (await Database.ColumnAsync("SELECT search_path || ' | ' || role FROM tenant.session_probe"))
            .Should().Equal(["tenant | postgres"], "the provider sets the schema's search_path again after resetting the session");
        (await Database.ColumnAsync("SELECT version FROM tenant.__migrationkit_history ORDER BY 1")).Should().Equal("1", "2", "3");
    }

    [Test]
    public async Task MigrateUp_RunnersOwnStatementFails_SaysSoWithTheStatementAndRollsBack()
    {
        await using var runner = Database.Runner("MigrationKit.PostgreSql.Tests.Running.BrokenBookkeeping");

        var act = () => runner.MigrateUpAsync();

        var error = (await act.Should().ThrowAsync<MigrationBookkeepingException>()).Which;
        error.Version.Should().Be(1);
        error.Direction.Should().Be(MigrationDirection.Up);
        error.Statement.Should().Contain("INSERT INTO \"public\".\"__migrationkit_journal\"");
        error.InnerException.Should().BeOfType<PostgresException>().Which.SqlState.Should().Be(PostgresErrorCodes.UndefinedTable);
        error.Message.Should().Contain("MigrationKit's own bookkeeping failed while migration 1 'Move the journal away' ran (Up)")
            .And.Contain("not one of a migration").And.Contain("transaction was rolled back").And.NotContain("Fix the migration");
        (await Database.ScalarAsync<long>("SELECT count(*) FROM pg_tables WHERE tablename IN ('kept', 'journal_moved')")).Should().Be(0, "the migration was rolled back");
        (await runner.GetHistoryAsync()).Should().BeEmpty();
        (await runner.GetJournalAsync()).Should().Contain(j => j.Version == 1 && j.Status == JournalStatus.Failed);
    }

    [Test]
    public async Task MigrateUp_RoleWithoutCreateOnDatabase_CreatesQualifiedHistoryInItsSchema()
    {
        // A usual production role: it may create tables in public, not schemas in the database.
        await Database.ExecuteAsync("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mk_app_no_create') THEN CREATE ROLE mk_app_no_create LOGIN PASSWORD 'app-pw'; END IF; END $$");
        await Database.ExecuteAsync($"REVOKE CREATE ON DATABASE \"{Database.Name}\" FROM PUBLIC; GRANT CREATE, USAGE ON SCHEMA public TO mk_app_no_create");
        var connectionString = new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Username = "mk_app_no_create", Password = "app-pw" }.ConnectionString;
        await using var runner = new MigrationRunnerBuilder()
            .UsePostgreSql(connectionString)
            .AddMigrationsFrom(typeof(RawSqlBookkeepingTests).Assembly, "MigrationKit.PostgreSql.Tests.Running.Basic")
            .Build();

        (await runner.MigrateUpAsync()).Steps.Should().HaveCount(2);

        (await Database.ColumnAsync("SELECT tableowner || ' ' || schemaname || '.' || tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"))
            .Should().Equal("mk_app_no_create public.__migrationkit_history", "mk_app_no_create public.__migrationkit_history_digest", "mk_app_no_create public.__migrationkit_journal", "mk_app_no_create public.__migrationkit_runs", "mk_app_no_create public.items");
        (await runner.GetHistoryAsync()).Select(h => h.Version).Should().Equal(1, 2);
        await Database.ExecuteAsync("DROP OWNED BY mk_app_no_create");
    }

    [SetUp]
    public async Task CreateProbeRoleAsync() =>
        await Database.ExecuteAsync("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mk_leak_probe') THEN CREATE ROLE mk_leak_probe NOLOGIN; END IF; END $$");

    /// <summary>Whether the pg_dump that wrote <paramref name="dump"/> (its header names the version) writes \restrict lines: 15.14, 16.10, 17.6 and later.</summary>
    private static bool WritesRestrictLines(string dump)
    {
        var version = System.Text.RegularExpressions.Regex.Match(dump, @"-- Dumped by pg_dump version (\d+)\.(\d+)");
        version.Success.Should().BeTrue("the dump names its pg_dump version");
        var major = int.Parse(version.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var minor = int.Parse(version.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        return major >= 18 || (major, minor) is (15, >= 14) or (16, >= 10) or (17, >= 6);
    }

    /// <summary>Creates <paramref name="schema"/> in a scratch database and returns what pg_dump --schema-only prints for it.</summary>
    private static async Task<string> DumpSchemaAsync(string schema)
    {
        await using var scratch = await PostgresServer.CreateDatabaseAsync();
        await scratch.ExecuteAsync(schema);
        var settings = new NpgsqlConnectionStringBuilder(scratch.ConnectionString);
        var start = new ProcessStartInfo(PostgreSqlTools.Find("pg_dump", configuredDirectory: null))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "--schema-only", "--host", settings.Host!, "--port", settings.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--username", settings.Username!, "--dbname", settings.Database! })
        {
            start.ArgumentList.Add(argument);
        }

        if (settings.Password is { } password)
        {
            start.Environment["PGPASSWORD"] = password;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.Should().Be(0, await errors);

        // Verbatim: pg_dump 15.14, 16.10, 17.6 and later wrap the script in psql's \restrict / \unrestrict lines,
        // which the provider skips as psql does.
        return await output;
    }
}
