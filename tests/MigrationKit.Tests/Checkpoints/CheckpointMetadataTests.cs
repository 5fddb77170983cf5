using System.Text.Json;
using MigrationKit.Checkpoints;

namespace MigrationKit.Tests.Checkpoints;

/// <summary>The JSON metadata written beside each checkpoint file.</summary>
public class CheckpointMetadataTests
{
    private static readonly Checkpoint Sample = new(
        "20261122T090000000-a1b2c3",
        202611220900,
        new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero),
        CheckpointLevel.Schema,
        CheckpointKind.Emergency,
        123456,
        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "sqlite",
        "3.50.4",
        "20261122T090000000-a1b2c3.db")
    {
        Description = "before the data fix",
    };

    [Test]
    public void Serialize_ThenDeserialize_RoundTrips()
    {
        var json = CheckpointStore.Serialize(Sample);

        CheckpointStore.Deserialize(json).Should().Be(Sample);
    }

    [Test]
    public void Serialize_IsReadableByHand_CamelCaseAndEnumNames()
    {
        using var document = JsonDocument.Parse(CheckpointStore.Serialize(Sample));
        var root = document.RootElement;

        root.GetProperty("id").GetString().Should().Be(Sample.Id);
        root.GetProperty("version").GetInt64().Should().Be(202611220900);
        root.GetProperty("level").GetString().Should().Be("Schema");
        root.GetProperty("kind").GetString().Should().Be("Emergency");
        root.GetProperty("sizeBytes").GetInt64().Should().Be(123456);
        root.GetProperty("sha256").GetString().Should().Be(Sample.Sha256);
        root.GetProperty("provider").GetString().Should().Be("sqlite");
        root.GetProperty("serverVersion").GetString().Should().Be("3.50.4");
        root.GetProperty("fileName").GetString().Should().Be(Sample.FileName);
        root.GetProperty("description").GetString().Should().Be("before the data fix");
        root.GetProperty("createdAt").GetString().Should().Be("2026-11-22T09:00:00+00:00");
    }

    [Test]
    public void Deserialize_WithoutDescription_LeavesItNull()
    {
        var json = CheckpointStore.Serialize(Sample with { Description = null });

        CheckpointStore.Deserialize(json)!.Description.Should().BeNull();
    }

    [Test]
    public void Checkpoint_SerializesWithPlainSystemTextJson()
    {
        var json = JsonSerializer.Serialize(Sample);

        JsonSerializer.Deserialize<Checkpoint>(json).Should().Be(Sample);
    }
}
