using MigrationKit.Inspection;
using MigrationKit.Operations;
using MigrationKit.PostgreSql.Tests.Support;

namespace MigrationKit.PostgreSql.Tests.Providers;

/// <summary>
/// The reader keeps each index key's direction, NULLS placement and collation, so that drift detection and the
/// reversibility check see an index whose keys sort differently.
/// </summary>
public sealed class PostgreSqlIndexKeyOptionsTests : DatabaseTest
{
    [Test]
    public async Task ReadSchema_IndexKeyOptions_AreReadAsCreateIndexWritesThem()
    {
        await Database.ExecuteAsync("""
            CREATE TABLE items (id bigint PRIMARY KEY, code text, name text, rank integer);
            CREATE INDEX items_keys ON items (rank DESC NULLS LAST, code COLLATE "C", name NULLS FIRST, id DESC);
            CREATE INDEX items_plain ON items (rank, code);
            CREATE INDEX items_expression ON items (rank, lower(name) COLLATE "C" DESC);
            """);
        await using var provider = Database.Provider();

        var items = (await Database.ReadSchemaAsync(provider)).FindTable(new QualifiedName("items"))!;

        items.Indexes.Single(i => i.Name == "items_keys").KeyOptions.Should().Equal("DESC NULLS LAST", "COLLATE \"C\"", "NULLS FIRST", "DESC");
        items.Indexes.Single(i => i.Name == "items_plain").KeyOptions.Should().BeEmpty("no key has an option");
        items.Indexes.Single(i => i.Name == "items_expression").KeyOptions.Should().Equal(string.Empty, "COLLATE \"C\" DESC");
    }

    [Test]
    public async Task ReadSchema_IndexRecreatedFromTheModel_HasTheSameKeys()
    {
        await Database.ExecuteAsync("""
            CREATE TABLE items (id bigint PRIMARY KEY, code text, rank integer);
            CREATE INDEX items_keys ON items (rank DESC NULLS LAST, code COLLATE "C");
            """);
        await using var provider = Database.Provider();
        var read = (await Database.ReadSchemaAsync(provider)).FindTable(new QualifiedName("items"))!.Indexes.Single();

        // What a reversibility check or drift fix does with a read index: write it back from the model.
        await Database.ExecuteAsync("DROP INDEX items_keys");
        foreach (var sql in provider.SqlGenerator.Generate(new CreateIndexOperation(new QualifiedName("items"), read)))
        {
            await Database.ExecuteAsync(sql);
        }

        (await Database.ScalarAsync<string>("SELECT pg_get_indexdef('items_keys'::regclass)"))
            .Should().Be("CREATE INDEX items_keys ON public.items USING btree (rank DESC NULLS LAST, code COLLATE \"C\")");
    }

    [Test]
    public async Task DetectDrift_OnlyTheKeyOrderDiffers_IsReported()
    {
        await using var runner = Database.Runner("MigrationKit.PostgreSql.Tests.Running.Basic");
        await runner.MigrateUpAsync();
        (await runner.DetectDriftAsync()).HasDrift.Should().BeFalse();

        await Database.ExecuteAsync("DROP INDEX ix_items_price; CREATE INDEX ix_items_price ON items (price DESC)");
        var report = await runner.DetectDriftAsync();

        var finding = report.Findings.Should().ContainSingle().Which.Difference;
        finding.Should().BeEquivalentTo(new { Kind = SchemaDifferenceKind.Changed, ObjectKind = SchemaObjectKind.Index, Name = "ix_items_price" });
        finding.Actual.Should().Contain("price DESC");
        finding.Expected.Should().NotContain("DESC");
    }
}
