using System.Data.Common;
using MigrationKit.Inspection;
using MigrationKit.Operations;
using MigrationKit.Providers;

namespace MigrationKit.PostgreSql.Tests.Support;

/// <summary>
/// Executes operations one by one outside any runner (each statement in its own implicit transaction, so that
/// <c>CONCURRENTLY</c> works too) and checks the provider's central invariant after each: the schema read back equals
/// the generator's prediction, <c>Apply(schemaBefore, operation)</c>.
/// </summary>
internal sealed class OperationHarness : IMigrationSchemaContext, IAsyncDisposable
{
    private readonly DbConnection _connection;

    private OperationHarness(PostgreSqlMigrationProvider provider, DbConnection connection)
    {
        Provider = provider;
        _connection = connection;
        Session = new MigrationSession(provider, connection);
    }

    public PostgreSqlMigrationProvider Provider { get; }

    public MigrationSession Session { get; }

    public MigrationSqlGenerator Generator => Provider.SqlGenerator;

    /// <summary>The statements executed so far, in order.</summary>
    public List<string> Executed { get; } = [];

    public static async Task<OperationHarness> OpenAsync(TestDatabase database, Action<PostgreSqlMigrationOptions>? configure = null)
    {
        var provider = database.Provider(configure);
        var connection = await provider.OpenConnectionAsync();
        return new OperationHarness(provider, connection);
    }

    /// <summary>Builds operations with the fluent builder, as a migration's Up would.</summary>
    public static IReadOnlyList<MigrationOperation> Ops(Action<MigrationBuilder> build)
    {
        var builder = new MigrationBuilder();
        build(builder);
        return builder.Operations;
    }

    public ValueTask<DatabaseSchema> GetCurrentSchemaAsync(CancellationToken cancellationToken = default) => ReadAsync(cancellationToken);

    public ValueTask<DatabaseSchema> ReadAsync(CancellationToken cancellationToken = default) => Provider.SchemaReader.ReadAsync(Session, cancellationToken);

    public async Task ExecuteAsync(MigrationOperation operation)
    {
        foreach (var sql in await Generator.GenerateAsync(operation, this))
        {
            Executed.Add(sql);
            await Session.ExecuteAsync(sql);
        }
    }

    public async Task ExecuteAsync(string sql)
    {
        Executed.Add(sql);
        await Session.ExecuteAsync(sql);
    }

    /// <summary>Executes <paramref name="operation"/> and asserts that the schema read back is the one predicted.</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="structureOnly">
    /// Compare without the text of check expressions, index expressions and index predicates: PostgreSQL stores those
    /// parsed and prints its own rendering (<c>BETWEEN</c> becomes two comparisons, <c>'english'</c> gains <c>::regconfig</c>),
    /// so only their names and structure can be compared with what the migration wrote.
    /// </param>
    public async Task<DatabaseSchema> ApplyAndCheckAsync(MigrationOperation operation, bool structureOnly = false)
    {
        var before = await ReadAsync();
        await ExecuteAsync(operation);
        var after = await ReadAsync();
        var expected = Generator.Apply(before, operation);
        var differences = structureOnly ? Structure(expected).CompareTo(Structure(after)) : expected.CompareTo(after);
        differences.Should().BeEmpty($"the schema read back after '{operation.Describe()}' should be the replayed one (SQL: {string.Join("; ", Executed.TakeLast(3))})");
        return after;
    }

    /// <summary>
    /// Up (each operation checked), then down (the inverses, or <paramref name="down"/>, each checked) back to the schema
    /// as it was, then up again back to the schema after the first up.
    /// </summary>
    public async Task<DatabaseSchema> RoundTripAsync(IReadOnlyList<MigrationOperation> up, IReadOnlyList<MigrationOperation>? down = null, bool structureOnly = false)
    {
        var initial = await ReadAsync();
        foreach (var operation in up)
        {
            await ApplyAndCheckAsync(operation, structureOnly);
        }

        var afterUp = await ReadAsync();
        down ??= up.Reverse().Select(o => o.Invert() ?? throw new InvalidOperationException($"'{o.Describe()}' has no inverse; give the down operations.")).ToArray();
        foreach (var operation in down)
        {
            await ApplyAndCheckAsync(operation, structureOnly);
        }

        initial.CompareTo(await ReadAsync()).Should().BeEmpty("down should bring back the schema as it was before up");
        foreach (var operation in up)
        {
            await ApplyAndCheckAsync(operation, structureOnly);
        }

        afterUp.CompareTo(await ReadAsync()).Should().BeEmpty("up after down should bring back the same schema as the first up");
        return afterUp;
    }

    /// <summary>The schema without the text PostgreSQL rewrites: check and index expressions and index predicates become placeholders.</summary>
    public static DatabaseSchema Structure(DatabaseSchema schema) => schema with
    {
        Tables = schema.Tables.Select(t => t with
        {
            CheckConstraints = t.CheckConstraints.Select(c => c with { Expression = "<expression>" }).ToArray(),
            Indexes = t.Indexes.Select(i => i with
            {
                Expressions = i.Expressions.Select(_ => "<expression>").ToArray(),
                Filter = i.Filter is null ? null : "<predicate>",
            }).ToArray(),
        }).ToArray(),
    };

    public async ValueTask DisposeAsync()
    {
        await Provider.ReleaseConnectionAsync(_connection);
        await Provider.DisposeAsync();
    }
}
