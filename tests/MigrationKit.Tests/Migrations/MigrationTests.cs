using MigrationKit.Operations;
using MigrationKit.Tests.Support;

namespace MigrationKit.Tests.Migrations;

/// <summary>The derived Down of <see cref="Migration"/>: the inverse of every Up operation, last first.</summary>
public class MigrationTests
{
    private static readonly QualifiedName Users = new("users");

    private static IReadOnlyList<MigrationOperation> Down(Action<MigrationBuilder> up)
    {
        var down = new MigrationBuilder();
        new ScriptedMigration(up).Down(down);
        return down.Operations;
    }

    [Test]
    public void Down_CreateTable_DropsTable()
    {
        Down(m => m.CreateTable("users", t => t.Column("id").AsInt64().PrimaryKey()))
            .Should().Equal(new DropTableOperation(Users));
    }

    [Test]
    public void Down_CreateTableInSchema_DropsQualifiedTable()
    {
        Down(m => m.InSchema("app").CreateTable("users", t => t.Column("id").AsInt64()))
            .Should().Equal(new DropTableOperation(new QualifiedName("users", "app")));
    }

    [Test]
    public void Down_AddColumn_DropsColumn()
    {
        Down(m => m.AddColumn("users", "email", c => c.AsText()))
            .Should().Equal(new DropColumnOperation(Users, "email"));
    }

    [Test]
    public void Down_AddColumnWithUniqueAndReference_DropsForeignKeyThenUniqueThenColumn()
    {
        Down(m => m.AddColumn("users", "team_id", c => c.AsInt64().Unique().References("teams")))
            .Should().Equal(
                new DropForeignKeyOperation(Users, "fk_users_team_id_teams"),
                new DropUniqueConstraintOperation(Users, "uq_users_team_id"),
                new DropColumnOperation(Users, "team_id"));
    }

    [Test]
    public void Down_RenameTable_RenamesBack()
    {
        Down(m => m.InSchema("app").RenameTable("users", "accounts"))
            .Should().Equal(new RenameTableOperation(new QualifiedName("accounts", "app"), "users"));
    }

    [Test]
    public void Down_RenameColumn_RenamesBack()
    {
        Down(m => m.RenameColumn("users", "mail", "email"))
            .Should().Equal(new RenameColumnOperation(Users, "email", "mail"));
    }

    [Test]
    public void Down_CreateIndex_DropsIndexByItsName()
    {
        Down(m =>
        {
            m.CreateIndex("users", "email");
            m.CreateIndex("users", "name").Named("by_name");
        }).Should().Equal(
            new DropIndexOperation(Users, "by_name"),
            new DropIndexOperation(Users, "ix_users_email"));
    }

    [Test]
    public void Down_AddConstraints_DropsEachByName()
    {
        Down(m =>
        {
            m.AddPrimaryKey("users", "id");
            m.AddUniqueConstraint("users", "email");
            m.AddForeignKey("users", ["team_id"], "teams", ["id"]);
            m.AddCheckConstraint("users", "adult", "age >= 18");
        }).Should().Equal(
            new DropCheckConstraintOperation(Users, "ck_users_adult"),
            new DropForeignKeyOperation(Users, "fk_users_team_id_teams"),
            new DropUniqueConstraintOperation(Users, "uq_users_email"),
            new DropPrimaryKeyOperation(Users, "pk_users"));
    }

    [Test]
    public void Down_AlterColumnWithFrom_AltersBack()
    {
        var down = Down(m => m.AlterColumn("users", "name", to => to.AsString(200), from => from.AsString(100).Nullable()));

        var operation = down.Should().ContainSingle().Which.Should().BeOfType<AlterColumnOperation>().Subject;
        operation.Table.Should().Be(Users);
        operation.Column.Should().Be(new ColumnDefinition("name", ColumnType.String(100)) { IsNullable = true });
        operation.OldColumn.Should().Be(new ColumnDefinition("name", ColumnType.String(200)) { IsNullable = false });
    }

    [Test]
    public void Down_InsertData_DeletesRowsMatchingEveryInsertedValue()
    {
        var down = Down(m => m.InsertData("statuses", ["id", "name"], [1, "idle"], [2, "busy"]));

        down.Should().BeEquivalentTo(
            new MigrationOperation[] { new DeleteDataOperation(new QualifiedName("statuses"), ["id", "name"], [[1, "idle"], [2, "busy"]]) },
            o => o.ByMembers());
    }

    [Test]
    public void Down_CreateSchema_DropsSchema()
    {
        Down(m => m.CreateSchema("app")).Should().Equal(new DropSchemaOperation("app"));
    }

    [Test]
    public void Down_SeveralOperations_InvertsInReverseOrder()
    {
        Down(m =>
        {
            m.CreateSchema("app");
            m.CreateTable("users", t => t.Column("id").AsInt64());
            m.AddColumn("users", "email", c => c.AsText());
            m.RenameColumn("users", "email", "mail");
            m.CreateIndex("users", "mail");
        }).Should().Equal(
            new DropIndexOperation(Users, "ix_users_mail"),
            new RenameColumnOperation(Users, "mail", "email"),
            new DropColumnOperation(Users, "email"),
            new DropTableOperation(Users),
            new DropSchemaOperation("app"));
    }

    [Test]
    public void Down_UsesNamingConventionOfGivenBuilder()
    {
        var down = new MigrationBuilder(new UpperConvention());

        new ScriptedMigration(m => m.CreateIndex("users", "email")).Down(down);

        down.Operations.Should().Equal(new DropIndexOperation(Users, "IX_USERS"));
    }

    private static IEnumerable<TestCaseData> IrreversibleUps()
    {
        TestCaseData Case(Action<MigrationBuilder> up, string operation) => new TestCaseData(up, operation).SetArgDisplayNames(operation);

        yield return Case(m => m.DropColumn("users", "email"), "drop column users.email");
        yield return Case(m => m.Sql("DELETE FROM users"), "sql \"DELETE FROM users\"");
        yield return Case(m => m.DropTable("users"), "drop table users");
        yield return Case(m => m.AlterColumn("users", "name", to => to.AsText()), "alter column users.name");
        yield return Case(m => m.DeleteData("users", "id", 1, 2), "delete 2 row(s) from users");
        yield return Case(m => m.UpdateData("users", "id", 1, "name", "x"), "update rows of users");
        yield return Case(m => m.DropIndex("users", "ix_users_email"), "drop index ix_users_email on users");
        yield return Case(m => m.DropForeignKey("users", "fk"), "drop foreign key fk from users");
        yield return Case(m => m.DropPrimaryKey("users"), "drop primary key pk_users from users");
        yield return Case(m => m.DropUniqueConstraint("users", "uq"), "drop unique constraint uq from users");
        yield return Case(m => m.DropCheckConstraint("users", "ck"), "drop check constraint ck from users");
    }

    [TestCaseSource(nameof(IrreversibleUps))]
    public void Down_IrreversibleUp_ThrowsNamingMigrationAndOperation(Action<MigrationBuilder> up, string operation)
    {
        var act = () => Down(up);

        var exception = act.Should().Throw<IrreversibleMigrationException>().Which;
        exception.Version.Should().Be(2026_11_22_0900);
        exception.MigrationName.Should().Be(nameof(ScriptedMigration));
        exception.Operation.Should().Be(operation);
        exception.Message.Should().Be(
            $"Migration 202611220900 (ScriptedMigration) cannot be reverted: its Up contains '{operation}', which has no automatic inverse. Override Down in ScriptedMigration to say how to undo it.");
    }

    [Test]
    public void Down_IrreversibleAmongReversible_NamesTheIrreversibleOperation()
    {
        var act = () => Down(m =>
        {
            m.CreateTable("users", t => t.Column("id").AsInt64());
            m.Sql("UPDATE users SET id = id");
            m.AddColumn("users", "email", c => c.AsText());
        });

        act.Should().Throw<IrreversibleMigrationException>().Which.Operation.Should().Be("sql \"UPDATE users SET id = id\"");
    }

    [Test]
    public void Down_MigrationWithoutAttribute_ReportsVersionZero()
    {
        var act = () => new UnversionedMigration().Down(new MigrationBuilder());

        act.Should().Throw<IrreversibleMigrationException>().Which.Version.Should().Be(0);
    }

    [Test]
    public void Down_Overridden_UsesExplicitOperations()
    {
        var down = new MigrationBuilder();

        new ExplicitDownMigration().Down(down);

        down.Operations.Should().Equal(new AddColumnOperation(Users, new ColumnDefinition("email", ColumnType.Of(ColumnTypeKind.Text)) { IsNullable = true }));
    }

    [Test]
    public void Down_NullBuilder_Throws()
    {
        var act = () => new ScriptedMigration(_ => { }).Down(null!);

        act.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("migration");
    }

    [Migration(2026_11_22_0900, "scripted")]
    private sealed class ScriptedMigration(Action<MigrationBuilder> up) : Migration
    {
        public override void Up(MigrationBuilder migration) => up(migration);
    }

    private sealed class UnversionedMigration : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.DropTable("users");
    }

    [Migration(2026_11_22_1000, "explicit down")]
    private sealed class ExplicitDownMigration : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.DropColumn("users", "email");

        public override void Down(MigrationBuilder migration) => migration.AddColumn("users", "email", c => c.AsText().Nullable());
    }

    private sealed class UpperConvention : NamingConvention
    {
        public override string Index(string table, IReadOnlyList<string> columns) => $"IX_{table.ToUpperInvariant()}";
    }
}
