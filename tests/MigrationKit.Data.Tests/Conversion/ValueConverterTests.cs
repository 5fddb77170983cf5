using System.Text;
using MigrationKit.Data.Conversion;
using MigrationKit.Data.Endpoints;

namespace MigrationKit.Data.Tests.Conversion;

/// <summary>SQLite's loose values into strict types, and the canonical text the checksums hash.</summary>
public sealed class ValueConverterTests
{
    private static readonly DateTime Instant = new(2026, 12, 7, 9, 30, 15, 250, DateTimeKind.Utc);

    private static IEnumerable<TestCaseData> Accepted()
    {
        yield return new TestCaseData(1L, DataType.Boolean, true);
        yield return new TestCaseData(0L, DataType.Boolean, false);
        yield return new TestCaseData("true", DataType.Boolean, true);
        yield return new TestCaseData("FALSE", DataType.Boolean, false);
        yield return new TestCaseData("1", DataType.Boolean, true);
        yield return new TestCaseData("42", DataType.Int32, 42);
        yield return new TestCaseData(42.0, DataType.Int64, 42L);
        yield return new TestCaseData(true, DataType.Int64, 1L);
        yield return new TestCaseData("12.50", DataType.Decimal, 12.50m);
        yield return new TestCaseData(3L, DataType.Decimal, 3m);
        yield return new TestCaseData("1e3", DataType.Double, 1000.0);
        yield return new TestCaseData("2026-12-07T09:30:15.25Z", DataType.TimestampTz, Instant);
        yield return new TestCaseData("2026-12-07 09:30:15.25", DataType.TimestampTz, Instant);
        yield return new TestCaseData("2026-12-07T10:30:15.25+01:00", DataType.TimestampTz, Instant);
        yield return new TestCaseData(1796635815L, DataType.TimestampTz, Instant.AddMilliseconds(-250));
        yield return new TestCaseData(1796635815250L, DataType.TimestampTz, Instant);
        yield return new TestCaseData("1796635815250", DataType.TimestampTz, Instant);
        yield return new TestCaseData("2026-12-07", DataType.Date, new DateOnly(2026, 12, 7));
        yield return new TestCaseData("6f9619ff-8b86-d011-b42d-00c04fc964ff", DataType.Guid, Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff"));
        yield return new TestCaseData("{\"a\": [1, 2]}", DataType.Json, "{\"a\": [1, 2]}");
        yield return new TestCaseData(12L, DataType.Text, "12");
        yield return new TestCaseData(Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff"), DataType.Text, "6f9619ff-8b86-d011-b42d-00c04fc964ff");
        yield return new TestCaseData(Instant, DataType.Text, "2026-12-07 09:30:15.25");
    }

    [TestCaseSource(nameof(Accepted))]
    public void Loose_values_convert_to_the_strict_type(object value, DataType type, object expected)
    {
        var converted = ValueConverter.To(value, type);

        converted.Should().Be(expected);
        converted!.GetType().Should().Be(expected.GetType());
    }

    [Test]
    public void Timestamps_without_a_zone_keep_an_unspecified_kind_and_instants_are_utc()
    {
        ((DateTime)ValueConverter.To("2026-12-07 09:30:15.25", DataType.Timestamp)!).Kind.Should().Be(DateTimeKind.Unspecified);
        ((DateTime)ValueConverter.To("2026-12-07 09:30:15.25", DataType.TimestampTz)!).Kind.Should().Be(DateTimeKind.Utc);
    }

    [TestCase("2", DataType.Boolean)]
    [TestCase("yes please", DataType.Boolean)]
    [TestCase("12.5", DataType.Int32)]
    [TestCase("abc", DataType.Decimal)]
    [TestCase("70000", DataType.Int16)]
    [TestCase("not a date", DataType.TimestampTz)]
    [TestCase("6f9619ff", DataType.Guid)]
    [TestCase("{\"a\": ", DataType.Json)]
    public void Values_that_do_not_fit_are_refused(string value, DataType type)
    {
        FluentActions.Invoking(() => ValueConverter.To(value, type)).Should().Throw<ValueConversionException>().Which.Message.Should().NotBeEmpty();
    }

    [Test]
    public void Null_and_DBNull_stay_null()
    {
        ValueConverter.To(null, DataType.Int64).Should().BeNull();
        ValueConverter.To(DBNull.Value, DataType.Guid).Should().BeNull();
    }

    [Test]
    public void Canonical_text_is_the_same_whichever_engine_the_value_came_from()
    {
        Canonical(12.5m, DataType.Decimal).Should().Be(Canonical(12.50m, DataType.Decimal));
        Canonical("{\"b\":1,\"a\":[1,2.0]}", DataType.Json).Should().Be(Canonical("{\"a\": [1, 2], \"b\": 1}", DataType.Json));
        Canonical(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(4), DataType.TimestampTz).Should().Be(Canonical(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Unspecified), DataType.TimestampTz), "PostgreSQL keeps microseconds");
        Canonical(12.5m, DataType.Decimal).Should().NotBe(Canonical(12.51m, DataType.Decimal));
        Canonical(null, DataType.Text).Should().NotBe(Canonical(string.Empty, DataType.Text));
    }

    [Test]
    public void Row_hashes_agree_on_equal_values_and_differ_on_different_ones()
    {
        DataType[] types = [DataType.Decimal, DataType.TimestampTz, DataType.Json, DataType.Text];
        var a = MigrationKit.Data.Execution.RowHash.Compute(new StringBuilder(), [12.5m, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(4), "{\"b\":1,\"a\":2}", "x"], types);
        var b = MigrationKit.Data.Execution.RowHash.Compute(new StringBuilder(), [12.50m, new DateTime(2026, 1, 1), "{\"a\": 2, \"b\": 1}", "x"], types);
        var c = MigrationKit.Data.Execution.RowHash.Compute(new StringBuilder(), [12.50m, new DateTime(2026, 1, 1), "{\"a\": 2, \"b\": 1}", "y"], types);
        var d = MigrationKit.Data.Execution.RowHash.Compute(new StringBuilder(), [12.5m, new DateTime(2026, 1, 1), "{\"a\": 2, \"b\": 1}", null], types);

        a.Should().Be(b);
        c.Should().NotBe(a);
        d.Should().NotBe(a);
    }

    private static string Canonical(object? value, DataType type)
    {
        var builder = new StringBuilder();
        ValueConverter.AppendCanonical(builder, value, type);
        return builder.ToString();
    }
}
