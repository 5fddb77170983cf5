using MigrationKit.History;
using MigrationKit.Inspection;

namespace MigrationKit.Specification.Support;

/// <summary>
/// What "the database unchanged" means in the bad-input fixture: the schema (as the provider's reader sees it), the
/// history, the rows of the seed table and the journal. A failed step legitimately leaves its trace in the journal
/// (the audit trail keeps failures), so after a refused input the journal must start with exactly the entries it had
/// and may only have gained <see cref="JournalStatus.Started"/> and <see cref="JournalStatus.Failed"/> entries: no
/// success, no incomplete step, no baseline or repair.
/// </summary>
internal sealed record DatabaseSnapshot(DatabaseSchema Schema, IReadOnlyList<AppliedMigration> History, IReadOnlyList<JournalEntry> Journal, long? SeedRows)
{
    public const string SeedTable = "items";

    public static async Task<DatabaseSnapshot> CaptureAsync(ISpecificationDatabase database)
    {
        await using var reader = new MigrationRunnerBuilder().UseProvider(database.CreateProvider()).AddMigrations(typeof(Migrations.BadInput.Seed.CreateItems)).Build();
        var schema = await reader.ReadSchemaAsync();
        var rows = schema.FindTable(new(SeedTable)) is null ? (long?)null : await database.ScalarAsync($"SELECT COUNT(*) FROM \"{SeedTable}\"");
        return new DatabaseSnapshot(schema, await reader.GetHistoryAsync(), await reader.GetJournalAsync(), rows);
    }

    /// <summary>Asserts that <paramref name="after"/> shows nothing changed since this snapshot.</summary>
    public void ShouldBeUnchangedIn(DatabaseSnapshot after, string because)
    {
        ArgumentNullException.ThrowIfNull(after);
        after.Schema.CompareTo(Schema).Should().BeEmpty("the schema is unchanged after {0}", because);
        after.History.Should().BeEquivalentTo(History, o => o.WithStrictOrdering(), "the history is unchanged after {0}", because);
        after.SeedRows.Should().Be(SeedRows, "the seed table's rows are unchanged after {0}", because);
        after.Journal.Should().HaveCountGreaterThanOrEqualTo(Journal.Count, "the journal is never rewritten");
        after.Journal.Take(Journal.Count).Should().BeEquivalentTo(Journal, o => o.WithStrictOrdering(), "the journal's earlier entries are kept as they were after {0}", because);
        after.Journal.Skip(Journal.Count)
            .Where(j => j.Action is not (JournalAction.Up or JournalAction.Down) || j.Status is not (JournalStatus.Started or JournalStatus.Failed))
            .Should().BeEmpty("after {0} the journal may only have gained the started and failed entries of a refused step", because);
    }
}
