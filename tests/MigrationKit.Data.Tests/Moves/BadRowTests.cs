using MigrationKit.Data.Moves;
using MigrationKit.Data.Tests.Support;

namespace MigrationKit.Data.Tests.Moves;

/// <summary>A loose SQLite value that the target cannot take stops the move at that row; the batches before it stay, and a rerun resumes.</summary>
[TestFixture(Engine.PostgreSql)]
[TestFixture(Engine.Sqlite)]
public sealed class BadRowTests(Engine targetEngine)
{
    private TestDb _source = null!;
    private TestDb _target = null!;

    [SetUp]
    public async Task CreateAsync()
    {
        _source = await TestDb.CreateAsync(Engine.Sqlite);
        _target = await TestDb.CreateAsync(targetEngine);
        await Readings.CreateAsync(_source, _target);
    }

    [TearDown]
    public async Task DropAsync()
    {
        await _source.DisposeAsync();
        await _target.DisposeAsync();
    }

    private DataMove Move() => DataMove.Named("readings").From(_source.Endpoint, "readings").To(_target.Endpoint, "readings").BatchSize(10).Build();

    [Test]
    public async Task A_value_that_is_not_a_number_stops_at_its_row_with_the_exact_message_and_the_rerun_resumes_after_fixing_it()
    {
        await _source.ExecuteAsync("UPDATE readings SET value = 'twelve' WHERE id = 27");
        var mover = new DataMover();

        var error = (await mover.Invoking(m => m.RunAsync(Move())).Should().ThrowAsync<DataMoveRowException>()).Which;

        var expectedType = _target.IsPostgreSql ? "numeric(10,2)" : "DECIMAL(10,2)";
        error.Message.Should().Be(
            $"Data move 'readings': row id=27 of 'readings' cannot be moved: column 'value' has value 'twelve', which is not a {expectedType} for target column 'value' "
            + "(The input string 'twelve' was not in a correct format.). The batch was not written and the batches before it are kept; "
            + "fix the row or map the column with a converter, then run the move again to resume.");
        error.Key.Should().Be("id=27");
        error.Column.Should().Be("value");
        error.Value.Should().Be("'twelve'");
        error.ExpectedType.Should().Be(expectedType);
        (await _target.CountAsync("SELECT COUNT(*) FROM readings")).Should().Be(20, "batches 1 and 2 committed before batch 3 failed");
        (await _target.RowsAsync("SELECT status, batches, error FROM __migrationkit_data_runs")).Single().Should().BeEquivalentTo(new object?[] { "failed", 2L, error.Message });

        await _source.ExecuteAsync("UPDATE readings SET value = '12' WHERE id = 27");
        var result = await mover.RunAsync(Move());

        result.ResumedFromBatch.Should().Be(2);
        result.RowsWritten.Should().Be(50);
        (await _target.CountAsync("SELECT COUNT(*) FROM readings")).Should().Be(50);
        (await mover.ValidateAsync(Move())).IsValid.Should().BeTrue();
    }

    [TestCase("ok", "2", "2", "boolean")]
    [TestCase("taken", "yesterday", "'yesterday'", "timestamp")]
    public async Task Other_values_the_target_type_refuses_name_the_column_and_the_expected_type(string column, string value, string described, string typeWord)
    {
        await _source.ExecuteAsync($"UPDATE readings SET {column} = @p0 WHERE id = 5", value);

        var error = (await new DataMover().Invoking(m => m.RunAsync(Move())).Should().ThrowAsync<DataMoveRowException>()).Which;

        error.Key.Should().Be("id=5");
        error.Column.Should().Be(column);
        error.Value.Should().Be(described, "an INTEGER column of SQLite stores '2' as the number 2");
        error.ExpectedType.ToLowerInvariant().Should().Contain(typeWord == "timestamp" && !_target.IsPostgreSql ? "datetime" : typeWord);
        (await _target.CountAsync("SELECT COUNT(*) FROM readings")).Should().Be(0);
    }
}
