using MigrationKit.Operations;
using MigrationKit.PostgreSql.Tests.Support;

namespace MigrationKit.PostgreSql.Tests.Providers;

/// <summary>The reader sees a column's non-default collation and a generated column's expression, as SQLite's reader does.</summary>
public sealed class PostgreSqlSchemaReaderColumnTests
{
    [Test]
    public async Task ReadSchema_CollatedAndGeneratedColumns_AreInTheModelAndCompared()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        await database.ExecuteAsync("CREATE TABLE items (id bigint PRIMARY KEY, code text COLLATE \"C\", name text, price numeric, doubled numeric GENERATED ALWAYS AS (price * 2) STORED)");
        await using var provider = database.Provider();

        var schema = await database.ReadSchemaAsync(provider);

        var items = schema.FindTable(new QualifiedName("items"))!;
        items.FindColumn("code")!.Collation.Should().Be("C");
        items.FindColumn("name")!.Collation.Should().BeNull("the type's default collation is not reported");
        items.FindColumn("doubled")!.Should().BeEquivalentTo(new { GeneratedSql = "price * 2::numeric", IsStored = true, DefaultSql = (string?)null });
        items.FindColumn("price")!.GeneratedSql.Should().BeNull();

        var withoutCollation = schema with { Tables = schema.Tables.Select(t => t with { Columns = t.Columns.Select(c => c with { Collation = null }).ToArray() }).ToArray() };
        schema.CompareTo(withoutCollation).Should().ContainSingle().Which.Should().Contain("column code");
    }
}
