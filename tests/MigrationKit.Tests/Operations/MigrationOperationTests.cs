using MigrationKit.Operations;

namespace MigrationKit.Tests.Operations;

public class MigrationOperationTests
{
    private static readonly QualifiedName T = new("t");
    private static readonly ColumnDefinition C = new("c", ColumnType.Of(ColumnTypeKind.Int32));

    private static IEnumerable<TestCaseData> Operations()
    {
        TestCaseData Case(MigrationOperation operation, bool reversible, bool destructive) =>
            new TestCaseData(operation, reversible, destructive).SetArgDisplayNames(operation.GetType().Name + (operation is AlterColumnOperation { OldColumn: not null } ? " with old column" : string.Empty));

        yield return Case(new CreateSchemaOperation("s"), true, false);
        yield return Case(new DropSchemaOperation("s"), true, true);
        yield return Case(new CreateTableOperation(T, [C]), true, false);
        yield return Case(new DropTableOperation(T), false, true);
        yield return Case(new RenameTableOperation(T, "u"), true, false);
        yield return Case(new AddColumnOperation(T, C), true, false);
        yield return Case(new DropColumnOperation(T, "c"), false, true);
        yield return Case(new RenameColumnOperation(T, "c", "d"), true, false);
        yield return Case(new AlterColumnOperation(T, C), false, false);
        yield return Case(new AlterColumnOperation(T, C) { OldColumn = C with { IsNullable = false } }, true, false);
        yield return Case(new CreateIndexOperation(T, new IndexDefinition("ix", ["c"])), true, false);
        yield return Case(new DropIndexOperation(T, "ix"), false, false);
        yield return Case(new AddPrimaryKeyOperation(T, new PrimaryKeyDefinition("pk", ["c"])), true, false);
        yield return Case(new DropPrimaryKeyOperation(T, "pk"), false, false);
        yield return Case(new AddUniqueConstraintOperation(T, new UniqueConstraintDefinition("uq", ["c"])), true, false);
        yield return Case(new DropUniqueConstraintOperation(T, "uq"), false, false);
        yield return Case(new AddForeignKeyOperation(T, new ForeignKeyDefinition("fk", ["c"], new QualifiedName("p"), ["id"])), true, false);
        yield return Case(new DropForeignKeyOperation(T, "fk"), false, false);
        yield return Case(new AddCheckConstraintOperation(T, new CheckConstraintDefinition("ck", "c > 0")), true, false);
        yield return Case(new DropCheckConstraintOperation(T, "ck"), false, false);
        yield return Case(new SqlOperation("SELECT 1"), false, false);
        yield return Case(new InsertDataOperation(T, ["c"], [[1]]), true, false);
        yield return Case(new UpdateDataOperation(T, ["c"], [1], ["c"], [2]), false, false);
        yield return Case(new DeleteDataOperation(T, ["c"], [[1]]), false, true);
    }

    [TestCaseSource(nameof(Operations))]
    public void IsReversible_Operation_MatchesWhetherItHasAnInverse(MigrationOperation operation, bool reversible, bool destructive)
    {
        operation.IsReversible.Should().Be(reversible);
        (operation.Invert() is not null).Should().Be(reversible);
    }

    [TestCaseSource(nameof(Operations))]
    public void IsDestructive_Operation_TrueOnlyForOperationsThatCanLoseData(MigrationOperation operation, bool reversible, bool destructive)
    {
        operation.IsDestructive.Should().Be(destructive);
    }

    private static IEnumerable<TestCaseData> SelfInverseOperations()
    {
        yield return new TestCaseData(new RenameTableOperation(new QualifiedName("t", "s"), "u")).SetArgDisplayNames("rename table");
        yield return new TestCaseData(new RenameColumnOperation(T, "c", "d")).SetArgDisplayNames("rename column");
        yield return new TestCaseData(new AlterColumnOperation(T, C) { OldColumn = C with { IsNullable = false } }).SetArgDisplayNames("alter column with old column");
        yield return new TestCaseData(new CreateSchemaOperation("s")).SetArgDisplayNames("create schema");
    }

    [TestCaseSource(nameof(SelfInverseOperations))]
    public void Invert_Twice_GivesBackTheOriginal(MigrationOperation operation)
    {
        var inverse = operation.Invert()!;

        inverse.Should().NotBe(operation);
        inverse.Invert().Should().Be(operation);
    }

    [Test]
    public void Describe_Operations_NameTheObject()
    {
        new AddColumnOperation(new QualifiedName("users", "app"), C).Describe().Should().Be("add column app.users.c");
        new InsertDataOperation(T, ["c"], [[1], [2]]).Describe().Should().Be("insert 2 row(s) into t");
        new CreateIndexOperation(T, new IndexDefinition("ix", ["c"])).Describe().Should().Be("create index ix on t");
    }

    [Test]
    public void QualifiedNameToString_WithAndWithoutSchema_JoinsWithDot()
    {
        new QualifiedName("users").ToString().Should().Be("users");
        new QualifiedName("users", "app").ToString().Should().Be("app.users");
    }

    [Test]
    public void ColumnTypeToString_Kinds_ShowParameters()
    {
        ColumnType.String(20).ToString().Should().Be("String(20)");
        ColumnType.Decimal(10, 2).ToString().Should().Be("Decimal(10,2)");
        ColumnType.Binary(null).ToString().Should().Be("Binary");
        ColumnType.Binary(8).ToString().Should().Be("Binary(8)");
        ColumnType.Custom("tsvector").ToString().Should().Be("Custom(tsvector)");
        ColumnType.Of(ColumnTypeKind.Json).ToString().Should().Be("Json");
    }
}
