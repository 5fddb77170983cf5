using MigrationKit.Inspection;
using MigrationKit.Operations;
using MigrationKit.PostgreSql.Tests.Support;

namespace MigrationKit.PostgreSql.Tests.Scenarios;

/// <summary>
/// Scenario 2: a catalogue of related tables in a dedicated schema (not <c>public</c>), with the history there too,
/// constraint names by the convention, composite, unique and partial indexes, and GIN full-text indexes.
/// </summary>
public sealed class CatalogueSchemaTests : DatabaseTest
{
    private const string Migrations = "MigrationKit.PostgreSql.Tests.Scenarios.Catalogue";

    private static readonly string[] Tables =
    [
        "project", "season", "event", "episode", "video_file", "hand_clip", "tag", "player", "clip_tags", "clip_players", "sync_state", "file_inventory",
    ];

    [Test]
    public async Task MigrateUp_CatalogueSchema_CreatesEveryTableKeyAndIndexByName()
    {
        await using var runner = Runner();

        var result = await runner.MigrateUpAsync();

        result.Steps.Should().HaveCount(4);
        (await Database.ColumnAsync("SELECT schemaname || '.' || tablename FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1"))
            .Should().BeEquivalentTo(Tables.Append("__migrationkit_history").Append("__migrationkit_history_digest").Append("__migrationkit_journal").Append("__migrationkit_runs").Select(t => "catalogue." + t), "everything, the history included, lives in the catalogue schema");

        var schema = await runner.ReadSchemaAsync();
        schema.Tables.Select(t => t.Name).Should().BeEquivalentTo(Tables.Select(t => new QualifiedName(t)), "tables in the session's schema are reported unqualified");
        foreach (var table in schema.Tables)
        {
            table.PrimaryKey!.Name.Should().Be($"pk_{table.Name.Name}");
            table.Columns.TakeLast(3).Select(c => $"{c.Name} {c.StoreType} {(c.IsNullable ? "null" : "not null")} {c.DefaultSql}".TrimEnd()).Should().Equal(
                "created_at timestamp with time zone not null now()",
                "updated_at timestamp with time zone not null now()",
                "deleted_at timestamp with time zone null");
        }

        Table(schema, "clip_tags").PrimaryKey!.Columns.Should().Equal("hand_clip_id", "tag_id");
        Table(schema, "clip_players").PrimaryKey!.Columns.Should().Equal("hand_clip_id", "player_id");

        schema.Tables.SelectMany(t => t.ForeignKeys.Select(f => $"{f.Name} -> {f.PrincipalTable} on delete {f.OnDelete}")).Should().BeEquivalentTo(
            "fk_season_project_id_project -> project on delete Cascade",
            "fk_event_season_id_season -> season on delete Cascade",
            "fk_episode_event_id_event -> event on delete Cascade",
            "fk_video_file_episode_id_episode -> episode on delete Cascade",
            "fk_hand_clip_episode_id_episode -> episode on delete Cascade",
            "fk_hand_clip_video_file_id_video_file -> video_file on delete SetNull",
            "fk_clip_tags_hand_clip_id_hand_clip -> hand_clip on delete Cascade",
            "fk_clip_tags_tag_id_tag -> tag on delete Cascade",
            "fk_clip_players_hand_clip_id_hand_clip -> hand_clip on delete Cascade",
            "fk_clip_players_player_id_player -> player on delete Cascade",
            "fk_file_inventory_video_file_id_video_file -> video_file on delete SetNull");

        schema.Tables.SelectMany(t => t.UniqueConstraints.Select(u => $"{u.Name}({string.Join(", ", u.Columns)})")).Should().BeEquivalentTo(
            "uq_project_name(name)",
            "uq_season_project_id_year(project_id, year)",
            "uq_episode_event_id_number(event_id, number)",
            "uq_video_file_path(path)",
            "uq_tag_name(name)",
            "uq_sync_state_source_entity(source, entity)");

        schema.Tables.SelectMany(t => t.CheckConstraints.Select(c => c.Name)).Should().BeEquivalentTo(
            "ck_season_year", "ck_episode_number", "ck_video_file_size", "ck_hand_clip_range");

        var indexes = schema.Tables.SelectMany(t => t.Indexes).ToDictionary(i => i.Name);
        indexes.Keys.Should().BeEquivalentTo(
            "ix_event_season_id_starts_at", "ix_hand_clip_video_file_id_start_ms", "ix_hand_clip_episode_id_live", "ix_clip_tags_tag_id", "ix_clip_players_player_id",
            "ix_file_inventory_path_live", "ix_file_inventory_sha256", "ix_episode_search", "ix_hand_clip_search", "ix_player_search");
        indexes["ix_event_season_id_starts_at"].Columns.Should().Equal("season_id", "starts_at");
        indexes["ix_hand_clip_video_file_id_start_ms"].Columns.Should().Equal("video_file_id", "start_ms");
        indexes["ix_file_inventory_path_live"].Should().BeEquivalentTo(new IndexDefinition("ix_file_inventory_path_live", ["path"]) { IsUnique = true, Filter = "deleted_at IS NULL" });
        indexes["ix_hand_clip_episode_id_live"].Filter.Should().Be("deleted_at IS NULL");
        foreach (var search in new[] { "ix_episode_search", "ix_hand_clip_search", "ix_player_search" })
        {
            indexes[search].Method.Should().Be("gin");
            indexes[search].Columns.Should().BeEmpty();
            indexes[search].Expressions.Should().ContainSingle().Which.Should().StartWith("to_tsvector('english'::regconfig, ");
        }

        (await Database.ScalarAsync<long>("SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'catalogue' AND NOT i.indisvalid"))
            .Should().Be(0, "the concurrently built indexes are valid");
    }

    [Test]
    public async Task Catalogue_RowsThroughTheHierarchy_CascadeAndSearchByFullText()
    {
        await using (var runner = Runner())
        {
            await runner.MigrateUpAsync();
        }

        await Database.ExecuteAsync("""
            SET search_path TO catalogue;
            INSERT INTO project (name) VALUES ('World Tour');
            INSERT INTO season (project_id, name, year) VALUES (1, '2026', 2026);
            INSERT INTO event (season_id, name, starts_at) VALUES (1, 'Final', now());
            INSERT INTO episode (event_id, number, title, synopsis) VALUES (1, 1, 'The river card', 'A bluff on the river decides it');
            INSERT INTO video_file (episode_id, path, size_bytes, checksum) VALUES (1, '/media/e1.mp4', 1000, 'abc');
            INSERT INTO hand_clip (episode_id, video_file_id, start_ms, end_ms, title) VALUES (1, 1, 0, 5000, 'All in');
            INSERT INTO tag (name) VALUES ('bluff');
            INSERT INTO player (name) VALUES ('Ada Lovelace');
            INSERT INTO clip_tags (hand_clip_id, tag_id) VALUES (1, 1);
            INSERT INTO clip_players (hand_clip_id, player_id) VALUES (1, 1);
            """);

        (await Database.ColumnAsync("SELECT title FROM catalogue.episode WHERE to_tsvector('english', title || ' ' || coalesce(synopsis, '')) @@ to_tsquery('english', 'bluffs & rivers')"))
            .Should().Equal("The river card");
        (await Database.ColumnAsync("SELECT role FROM catalogue.clip_players")).Should().Equal("featured");

        await Database.ExecuteAsync("DELETE FROM catalogue.project");

        (await Database.ScalarAsync<long>("SELECT (SELECT count(*) FROM catalogue.hand_clip) + (SELECT count(*) FROM catalogue.clip_tags) + (SELECT count(*) FROM catalogue.video_file)"))
            .Should().Be(0, "deleting a project cascades down the hierarchy to clips and their links");
        (await Database.ScalarAsync<long>("SELECT count(*) FROM catalogue.tag")).Should().Be(1, "tags are not owned by clips");
    }

    [Test]
    public async Task CheckReversibility_FreshDatabase_ReportsNoProblems()
    {
        await using var runner = Runner();

        var report = await runner.CheckReversibilityAsync();

        report.Checked.Should().HaveCount(4);
        report.IsReversible.Should().BeTrue(report.ToString());
        (await runner.ReadSchemaAsync()).Tables.Should().HaveCount(Tables.Length, "the check leaves every migration applied");
    }

    [Test]
    public async Task MigrateDownToZero_AfterUp_LeavesOnlyHistoryAndJournalInTheSchema()
    {
        await using var runner = Runner();
        await runner.MigrateUpAsync();

        var result = await runner.MigrateDownAsync(0);

        result.Steps.Should().HaveCount(4);
        (await Database.ColumnAsync("SELECT tablename FROM pg_tables WHERE schemaname = 'catalogue' ORDER BY 1")).Should().Equal("__migrationkit_history", "__migrationkit_history_digest", "__migrationkit_journal", "__migrationkit_runs");
        (await Database.ColumnAsync("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'catalogue' AND c.relname NOT LIKE '\\_\\_migrationkit\\_%' AND c.relname NOT LIKE 'pk\\_\\_\\_migrationkit\\_%'"))
            .Should().BeEmpty("no table, index, sequence or view of the catalogue is left behind");
        (await runner.ReadSchemaAsync()).Tables.Should().BeEmpty();
        (await runner.GetHistoryAsync()).Should().BeEmpty();
    }

    private static TableSchema Table(DatabaseSchema schema, string name) => schema.FindTable(new QualifiedName(name))!;

    private IMigrationRunner Runner() => new MigrationRunnerBuilder()
        .UsePostgreSql(Database.ConnectionString, o => o.Schema = "catalogue")
        .AddMigrationsFrom(typeof(CatalogueSchemaTests).Assembly, Migrations)
        .Build();
}
