using MigrationKit.Operations;
using MigrationKit.Risk;

namespace MigrationKit.Tests.Risk;

/// <summary>The light raw SQL classifier: common statements recognised with their table, the rest "effect unknown".</summary>
public sealed class RawSqlClassifierTests
{
    [TestCase("CREATE INDEX ix_a ON accounts (email)", "CreateIndexBlocking", "accounts", null)]
    [TestCase("create unique index if not exists \"ix\" on \"shop\".\"orders\" (id)", "CreateIndexBlocking", "orders", "shop")]
    [TestCase("CREATE INDEX CONCURRENTLY ix_a ON accounts (email)", "Benign", "accounts", null)]
    [TestCase("DROP TABLE IF EXISTS old_orders", "DropTable", "old_orders", null)]
    [TestCase("TRUNCATE TABLE audit", "DropTable", "audit", null)]
    [TestCase("ALTER TABLE people ADD COLUMN full_name text GENERATED ALWAYS AS (first || ' ' || last) STORED", "AddStoredGeneratedColumn", "people", null)]
    [TestCase("ALTER TABLE people ALTER COLUMN age SET NOT NULL", "AlterTable", "people", null)]
    [TestCase("UPDATE accounts SET flag = true", "WholeTableWrite", "accounts", null)]
    [TestCase("DELETE FROM sessions", "WholeTableWrite", "sessions", null)]
    [TestCase("UPDATE accounts SET flag = true WHERE id = 1", "Benign", "accounts", null)]
    public void Classify_CommonStatements_KindAndTable(string sql, string kind, string table, string? schema)
    {
        var statement = RawSqlClassifier.Classify(sql).Should().ContainSingle().Subject;
        statement.Kind.ToString().Should().Be(kind);
        statement.Table.Should().Be(new QualifiedName(table, schema));
    }

    [TestCase("SET lock_timeout = 0", "DisablesLockTimeout")]
    [TestCase("SET LOCAL lock_timeout TO '0'", "DisablesLockTimeout")]
    [TestCase("SET lock_timeout = '5s'", "Benign")]
    [TestCase("CREATE VIEW v AS SELECT 1", "Benign")]
    [TestCase("INSERT INTO t (a) VALUES (1)", "Benign")]
    [TestCase("REINDEX TABLE accounts", "Unknown")]
    [TestCase("VACUUM FULL accounts", "Unknown")]
    public void Classify_OtherStatements_Kind(string sql, string kind) =>
        RawSqlClassifier.Classify(sql).Should().ContainSingle().Which.Kind.ToString().Should().Be(kind);

    [Test]
    public void Classify_Script_SplitsOutsideQuotesAndSkipsComments()
    {
        var statements = RawSqlClassifier.Classify("-- a comment; not a statement\nINSERT INTO t (a) VALUES ('x;y');\n\nDELETE FROM t;  ");
        statements.Select(s => s.Kind).Should().Equal(RawSqlKind.Benign, RawSqlKind.WholeTableWrite);
        statements[0].Text.Should().Be("INSERT INTO t (a) VALUES ('x;y')");
    }
}
