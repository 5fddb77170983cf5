using MigrationKit.SqlFiles;

namespace MigrationKit.Tests.SqlFiles;

public class SqlMigrationFileNameTests
{
    [TestCase("V1__create_books.sql", "Versioned", 1L, "create_books", "create books")]
    [TestCase("V202611221030__Create_agents_and_tasks.sql", "Versioned", 202611221030L, "Create_agents_and_tasks", "Create agents and tasks")]
    [TestCase("U7__drop_it.SQL", "Undo", 7L, "drop_it", "drop it")]
    [TestCase("R__refresh_views.sql", "Repeatable", 0L, "refresh_views", "refresh views")]
    [TestCase("V3__with__double__separators.sql", "Versioned", 3L, "with__double__separators", "with  double  separators")]
    [TestCase("V0042__leading_zeros.sql", "Versioned", 42L, "leading_zeros", "leading zeros")]
    public void Parse_WellFormedName_ReturnsItsParts(string fileName, string kind, long version, string name, string description)
    {
        var parsed = SqlMigrationFileName.Parse(fileName, out var problem);

        problem.Should().BeNull();
        parsed.Should().Be(new SqlMigrationFileName(Enum.Parse<SqlMigrationKind>(kind), version, name));
        parsed!.Description.Should().Be(description);
    }

    [TestCase("V1__create_books.txt", "does not end with .sql")]
    [TestCase(".sql", "has no '__'")]
    [TestCase("V1_create_books.sql", "has no '__'")]
    [TestCase("V1__.sql", "has no description")]
    [TestCase("V1_____.sql", "has no description")]
    [TestCase("v1__create_books.sql", "starts with 'v', not V, U or R (upper case)")]
    [TestCase("X1__create_books.sql", "starts with 'X'")]
    [TestCase("V__create_books.sql", "has the version ''")]
    [TestCase("V1.2__create_books.sql", "has the version '1.2'")]
    [TestCase("V-1__create_books.sql", "has the version '-1'")]
    [TestCase("V0__create_books.sql", "has the version '0'")]
    [TestCase("V99999999999999999999__too_big.sql", "positive whole number")]
    [TestCase("U1a__create_books.sql", "has the version '1a'")]
    [TestCase("R1__view.sql", "Rename it R__view.sql, or V1__view.sql")]
    public void Parse_BadName_SaysWhatIsWrongAndTheRules(string fileName, string expected)
    {
        var parsed = SqlMigrationFileName.Parse(fileName, out var problem);

        parsed.Should().BeNull();
        problem.Should().Contain(expected);
        if (!fileName.StartsWith('R'))
        {
            problem.Should().Contain(SqlMigrationFileName.Rules);
        }
    }
}
