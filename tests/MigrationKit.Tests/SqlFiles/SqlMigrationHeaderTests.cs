using MigrationKit.SqlFiles;

namespace MigrationKit.Tests.SqlFiles;

public class SqlMigrationHeaderTests
{
    [TestCase("-- migrationkit: no-transaction\nVACUUM;")]
    [TestCase("\uFEFF\n  -- A comment first.\r\n--MigrationKit:No-Transaction\r\nVACUUM;")]
    [TestCase("-- migrationkit: no-transaction, no-transaction\nVACUUM;")]
    public void Parse_NoTransactionInTheLeadingComments_IsRead(string sql)
    {
        var header = SqlMigrationHeader.Parse(sql, out var problem);

        problem.Should().BeNull();
        header.NoTransaction.Should().BeTrue();
    }

    [TestCase("VACUUM;")]
    [TestCase("-- an ordinary comment\nVACUUM;")]
    [TestCase("VACUUM;\n-- migrationkit: no-transaction")]
    [TestCase("/* migrationkit: no-transaction */\nVACUUM;")]
    public void Parse_NoDirectiveBeforeTheFirstStatement_RunsInATransaction(string sql)
    {
        var header = SqlMigrationHeader.Parse(sql, out var problem);

        problem.Should().BeNull();
        header.NoTransaction.Should().BeFalse();
    }

    [Test]
    public void Parse_UnknownDirective_NamesItAndTheKnownOne()
    {
        SqlMigrationHeader.Parse("-- migrationkit: no-transaction, fast\nSELECT 1;", out var problem);

        problem.Should().Contain("'fast' is unknown").And.Contain("-- migrationkit: no-transaction");
    }
}
