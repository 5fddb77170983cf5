using MigrationKit.Operations;

namespace MigrationKit.PostgreSql.Tests.Scenarios.Catalogue;

/// <summary>The audit columns every catalogue table carries.</summary>
internal static class CatalogueColumns
{
    public static void Timestamps(this TableBuilder table)
    {
        table.Column("created_at").AsDateTimeOffset().DefaultSql(SqlExpression.CurrentTimestamp);
        table.Column("updated_at").AsDateTimeOffset().DefaultSql(SqlExpression.CurrentTimestamp);
        table.Column("deleted_at").AsDateTimeOffset().Nullable();
    }
}

[Migration(2026_11_22_1000, "Create the catalogue hierarchy: project, season, event, episode, video files and hand clips")]
public sealed class CreateCatalogueHierarchy : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.CreateTable("project", t =>
        {
            t.Column("id").AsInt64().Identity().PrimaryKey();
            t.Column("name").AsString(200).Unique();
            t.Column("description").AsText().Nullable();
            t.Timestamps();
        });
        migration.CreateTable("season", t =>
        {
            t.Column("id").AsInt64().Identity().PrimaryKey();
            t.Column("project_id").AsInt64().References("project", onDelete: ReferentialAction.Cascade);
            t.Column("name").AsString(200);
            t.Column("year").AsInt32();
            t.Timestamps();
            t.Unique("project_id", "year");
            t.Check("year", "year BETWEEN 1900 AND 2100");
        });
        migration.CreateTable("event", t =>
        {
            t.Column("id").AsInt64().Identity().PrimaryKey();
            t.Column("season_id").AsInt64().References("season", onDelete: ReferentialAction.Cascade);
            t.Column("name").AsString(200);
            t.Column("venue").AsString(200).Nullable();
            t.Column("starts_at").AsDateTimeOffset();
            t.Timestamps();
        });
        migration.CreateIndex("event", "season_id", "starts_at");
        migration.CreateTable("episode", t =>
        {
            t.Column("id").AsInt64().Identity().PrimaryKey();
            t.Column("event_id").AsInt64().References("event", onDelete: ReferentialAction.Cascade);
            t.Column("number").AsInt32();
            t.Column("title").AsString(300);
            t.Column("synopsis").AsText().Nullable();
            t.Timestamps();
            t.Unique("event_id", "number");
            t.Check("number", "number > 0");
        });
        migration.CreateTable("video_file", t =>
        {
            t.Column("id").AsInt64().Identity().PrimaryKey();
            t.Column("episode_id").AsInt64().References("episode", onDelete: ReferentialAction.Cascade);
            t.Column("path").AsText().Unique();
            t.Column("size_bytes").AsInt64();
            t.Column("checksum").AsString(64);
            t.Column("duration_seconds").AsDecimal(10, 3).Nullable();
            t.Timestamps();
            t.Check("size", "size_bytes >= 0");
        });
        migration.CreateTable("hand_clip", t =>
        {
            t.Column("id").AsInt64().Identity().PrimaryKey();
            t.Column("episode_id").AsInt64().References("episode", onDelete: ReferentialAction.Cascade);
            t.Column("video_file_id").AsInt64().Nullable().References("video_file", onDelete: ReferentialAction.SetNull);
            t.Column("start_ms").AsInt32();
            t.Column("end_ms").AsInt32();
            t.Column("title").AsString(300);
            t.Column("notes").AsText().Nullable();
            t.Timestamps();
            t.Check("range", "end_ms > start_ms");
        });
        migration.CreateIndex("hand_clip", "video_file_id", "start_ms");
        migration.CreateIndex("hand_clip", "episode_id").Where("deleted_at IS NULL").Named("ix_hand_clip_episode_id_live");
    }
}

[Migration(2026_11_22_1010, "Tags and players, linked to hand clips")]
public sealed class CreateTagsAndPlayers : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.CreateTable("tag", t =>
        {
            t.Column("id").AsInt64().Identity().PrimaryKey();
            t.Column("name").AsString(50).Unique();
            t.Timestamps();
        });
        migration.CreateTable("player", t =>
        {
            t.Column("id").AsInt64().Identity().PrimaryKey();
            t.Column("name").AsString(200);
            t.Column("country").AsString(2).Nullable();
            t.Timestamps();
        });
        migration.CreateTable("clip_tags", t =>
        {
            t.Column("hand_clip_id").AsInt64().References("hand_clip", onDelete: ReferentialAction.Cascade);
            t.Column("tag_id").AsInt64().References("tag", onDelete: ReferentialAction.Cascade);
            t.Timestamps();
            t.PrimaryKey("hand_clip_id", "tag_id");
        });
        migration.CreateIndex("clip_tags", "tag_id");
        migration.CreateTable("clip_players", t =>
        {
            t.Column("hand_clip_id").AsInt64().References("hand_clip", onDelete: ReferentialAction.Cascade);
            t.Column("player_id").AsInt64().References("player", onDelete: ReferentialAction.Cascade);
            t.Column("role").AsString(20).Default("featured");
            t.Timestamps();
            t.PrimaryKey("hand_clip_id", "player_id");
        });
        migration.CreateIndex("clip_players", "player_id");
    }
}

[Migration(2026_11_22_1020, "Sync state and file inventory")]
public sealed class CreateSyncStateAndFileInventory : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.CreateTable("sync_state", t =>
        {
            t.Column("id").AsInt64().Identity().PrimaryKey();
            t.Column("source").AsString(100);
            t.Column("entity").AsString(100);
            t.Column("cursor").AsText().Nullable();
            t.Column("last_synced_at").AsDateTimeOffset().Nullable();
            t.Timestamps();
            t.Unique("source", "entity");
        });
        migration.CreateTable("file_inventory", t =>
        {
            t.Column("id").AsInt64().Identity().PrimaryKey();
            t.Column("video_file_id").AsInt64().Nullable().References("video_file", onDelete: ReferentialAction.SetNull);
            t.Column("path").AsText();
            t.Column("size_bytes").AsInt64();
            t.Column("sha256").AsString(64).Nullable();
            t.Column("seen_at").AsDateTimeOffset();
            t.Timestamps();
        });
        migration.CreateIndex("file_inventory", "path").Unique().Where("deleted_at IS NULL").Named("ix_file_inventory_path_live");
        migration.CreateIndex("file_inventory", "sha256");
    }
}

/// <summary>Full-text search, built without blocking writes (so outside a transaction).</summary>
[Migration(2026_11_22_1030, "Full-text search indexes", Transaction = MigrationTransactionMode.None)]
public sealed class CreateSearchIndexes : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.CreateExpressionIndex("episode", "ix_episode_search", "to_tsvector('english', title || ' ' || coalesce(synopsis, ''))").Using("gin").Concurrently();
        migration.CreateExpressionIndex("hand_clip", "ix_hand_clip_search", "to_tsvector('english', title || ' ' || coalesce(notes, ''))").Using("gin").Concurrently();
        migration.CreateExpressionIndex("player", "ix_player_search", "to_tsvector('english', name)").Using("gin").Concurrently();
    }
}
