using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using MigrationKit.Inspection;
using MigrationKit.Operations;
using MigrationKit.Specification.Fuzz;
using MigrationKit.Specification.Support;

namespace MigrationKit.Specification;

/// <summary>
/// Identifier safety on a provider: at least 1,000 generated hostile identifiers (quotes, semicolons, spaces, dashes,
/// backslashes, comment openers, injection attempts, reserved words, mixed case, leading digits, Unicode with
/// combining marks and emoji; fixed seed) are used as table, column and index names, a few hundred per migration. Each
/// is created exactly as named and read back identical by the schema reader, nothing else appears (a sentinel table
/// and its row survive, and the database holds exactly the expected objects), and reverting every batch leaves only the
/// sentinel. Names at the target's length limit (<see cref="ISpecificationIdentifierLimit"/>) round-trip too.
/// </summary>
/// <remarks>
/// The count comes from the <c>MIGRATIONKIT_FUZZ_IDENTIFIERS</c> environment variable (default and minimum 1,024).
/// </remarks>
/// <typeparam name="TTarget">The provider's target.</typeparam>
[TestFixture]
public abstract class IdentifierFuzzSpecification<TTarget> : SpecificationFixture<TTarget>
    where TTarget : ISpecificationTarget, new()
{
    private const int DefaultCount = 1024;

    private static int Count => int.TryParse(Environment.GetEnvironmentVariable("MIGRATIONKIT_FUZZ_IDENTIFIERS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) && count > DefaultCount ? count : DefaultCount;

    /// <summary>The generator covers every hostile category many times, and is deterministic.</summary>
    [Test]
    public void Generate_CoversEveryHostileCategory_Deterministically()
    {
        var identifiers = IdentifierGenerator.Generate(Count);

        identifiers.Should().Equal(IdentifierGenerator.Generate(Count), "the seed is fixed");
        identifiers.Should().HaveCount(Count).And.OnlyHaveUniqueItems();
        identifiers.Select(i => i.ToLowerInvariant()).Should().OnlyHaveUniqueItems("SQLite compares ASCII names without regard to case");
        var categories = new Dictionary<string, Func<string, bool>>
        {
            ["double quote"] = i => i.Contains('"', StringComparison.Ordinal),
            ["single quote"] = i => i.Contains('\'', StringComparison.Ordinal),
            ["semicolon"] = i => i.Contains(';', StringComparison.Ordinal),
            ["space"] = i => i.Contains(' ', StringComparison.Ordinal),
            ["dash"] = i => i.Contains('-', StringComparison.Ordinal),
            ["backslash"] = i => i.Contains('\\', StringComparison.Ordinal),
            ["line comment"] = i => i.Contains("--", StringComparison.Ordinal),
            ["block comment"] = i => i.Contains("/*", StringComparison.Ordinal),
            ["reserved word"] = i => new[] { "select", "order", "table", "from", "where", "drop", "index", "primary", "null", "default", "group", "user", "check" }.Any(w => i.Contains(w, StringComparison.OrdinalIgnoreCase)),
            ["mixed case"] = i => i.Any(char.IsUpper) && i.Any(char.IsLower),
            ["leading digit"] = i => char.IsAsciiDigit(i[0]),
            ["combining mark"] = i => i.Any(c => CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark),
            ["emoji"] = i => i.Any(char.IsSurrogate),
            ["non-Latin script"] = i => i.Any(c => c > '\u0370' && char.IsLetter(c)),
        };
        foreach (var (category, matches) in categories)
        {
            identifiers.Count(matches).Should().BeGreaterThanOrEqualTo(20, "the fuzz covers the category '{0}'", category);
        }
    }

    /// <summary>Every generated identifier is created exactly as named as a table, column and index, read back identical, nothing injected; Down removes them all.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task GeneratedIdentifiers_AsTablesColumnsAndIndexes_RoundTripExactlyWithNothingInjected()
    {
        var plan = new IdentifierFuzzPlan(IdentifierGenerator.Generate(Count), batches: 4);
        await using var database = await CreateDatabaseAsync();
        var services = new ServiceCollection();
        services.AddSingleton(plan);
        services.AddMigrationKit(kit => kit.UseProvider(_ => database.CreateProvider()).AddMigrationsFrom(MigrationsAssembly, Scenarios.Namespace("Fuzz")));
        await using var container = services.BuildServiceProvider();
        var runner = container.GetRequiredService<IMigrationRunner>();

        (await runner.MigrateUpAsync()).Steps.Should().HaveCount(1 + plan.Batches);

        var schema = await runner.ReadSchemaAsync();
        var problems = new List<string>();
        var expected = Enumerable.Range(0, plan.Identifiers.Count).ToDictionary(plan.Table);
        foreach (var (name, k) in expected)
        {
            var table = schema.FindTable(new QualifiedName(name));
            if (table is null)
            {
                problems.Add($"table {Show(name)} was not read back");
                continue;
            }

            if (!table.Columns.Select(c => c.Name).SequenceEqual([plan.KeyColumn(k), plan.ValueColumn(k)], StringComparer.Ordinal))
            {
                problems.Add($"table {Show(name)} has columns {string.Join(", ", table.Columns.Select(c => Show(c.Name)))}, expected {Show(plan.KeyColumn(k))}, {Show(plan.ValueColumn(k))}");
            }

            if (table.PrimaryKey?.Columns.SequenceEqual([plan.KeyColumn(k)], StringComparer.Ordinal) != true)
            {
                problems.Add($"table {Show(name)} has primary key {string.Join(", ", table.PrimaryKey?.Columns.Select(Show) ?? [])}");
            }

            if (table.Indexes.Count != 1 || table.Indexes[0].Name != plan.Index(k) || !table.Indexes[0].Columns.SequenceEqual([plan.ValueColumn(k)], StringComparer.Ordinal))
            {
                problems.Add($"table {Show(name)} has indexes {string.Join(", ", table.Indexes.Select(i => Show(i.Name) + "(" + string.Join(", ", i.Columns.Select(Show)) + ")"))}, expected {Show(plan.Index(k))}({Show(plan.ValueColumn(k))})");
            }
        }

        var unexpected = schema.Tables.Select(t => t.Name.Name).Where(n => n != "sentinel" && !expected.ContainsKey(n)).ToList();
        problems.AddRange(unexpected.Select(n => $"unexpected table {Show(n)}"));
        problems.Should().BeEmpty("every identifier is created exactly as named and read back identical ({0} identifiers)", plan.Identifiers.Count);
        schema.Tables.Should().HaveCount(plan.Identifiers.Count + 1, "nothing but the sentinel and the generated tables exists");
        schema.Views.Should().BeEmpty("nothing was injected");
        schema.Tables.SelectMany(t => t.Triggers).Should().BeEmpty("nothing was injected");
        (await database.ScalarAsync("SELECT COUNT(*) FROM \"sentinel\"")).Should().Be(1, "the sentinel's row survived every hostile name");

        (await runner.MigrateDownAsync(1)).Steps.Should().HaveCount(plan.Batches, "every batch is reverted by its derived Down");
        var after = await runner.ReadSchemaAsync();
        after.Tables.Select(t => t.Name.Name).Should().Equal(["sentinel"], "dropping by the hostile names dropped exactly those tables");
        (await database.ScalarAsync("SELECT COUNT(*) FROM \"sentinel\"")).Should().Be(1);
    }

    /// <summary>Column names exactly at the target's length limit (or 300 bytes where there is none), in ASCII and in multibyte UTF-8, round-trip.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task IdentifiersAtTheLengthLimit_RoundTrip()
    {
        var limit = Target is ISpecificationIdentifierLimit l ? l.MaxIdentifierBytes : 300;
        var ascii = new string('a', limit);
        var multibyte = string.Concat(Enumerable.Repeat("中", limit / 3)) + new string('b', limit % 3);
        Encoding.UTF8.GetByteCount(ascii).Should().Be(limit);
        Encoding.UTF8.GetByteCount(multibyte).Should().Be(limit);
        await using var database = await CreateDatabaseAsync();
        // Three batches of one: the migration creates only table "t" (its key constraint's conventional name, pk_t,
        // stays short), with a key column named by the ASCII name and a second column named by the multibyte one.
        var plan = new IdentifierFuzzPlan(["t", ascii, multibyte], batches: 3);
        var services = new ServiceCollection();
        services.AddSingleton(plan);
        services.AddMigrationKit(kit => kit.UseProvider(_ => database.CreateProvider()).AddMigrations(typeof(Migrations.Fuzz.FuzzBatch1)));
        await using var container = services.BuildServiceProvider();
        var runner = container.GetRequiredService<IMigrationRunner>();

        await runner.MigrateUpAsync();

        var schema = await runner.ReadSchemaAsync();
        var table = schema.FindTable(new("t"));
        table.Should().NotBeNull();
        table!.Columns.Select(c => c.Name).Should().Equal([ascii, multibyte], "names of exactly {0} bytes are kept whole", limit);
        table.PrimaryKey!.Columns.Should().Equal(ascii);
        table.Indexes.Should().ContainSingle().Which.Columns.Should().Equal(multibyte);
    }

    private static string Show(string identifier) => "«" + identifier + "»";
}
