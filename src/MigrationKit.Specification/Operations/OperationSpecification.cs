using System.Data.Common;
using MigrationKit.Inspection;
using MigrationKit.Operations;
using MigrationKit.Specification.Support;
using AddEveryType = MigrationKit.Specification.Migrations.Operations.AddEveryType;
using AllTypes = MigrationKit.Specification.Migrations.Operations.AllTypes;
using AlterColumn = MigrationKit.Specification.Migrations.Operations.AlterColumn;
using InsertData = MigrationKit.Specification.Migrations.Operations.InsertData;
using RawSqlVariant = MigrationKit.Specification.Migrations.Operations.RawSqlVariant;

namespace MigrationKit.Specification;

/// <summary>
/// Every fluent operation, applied through a runner on a fresh database: the schema read back has the names and
/// structure the operation declares, Down restores exactly the schema from before, and Up again gives exactly the
/// schema of the first Up. Data operations and raw SQL are checked through the rows.
/// </summary>
/// <remarks>
/// Besides names and structure, the fixture holds the schema reader to the core's model: a column's store type and
/// default read back as the provider's <see cref="Providers.MigrationSqlGenerator"/> writes them
/// (<see cref="Providers.MigrationSqlGenerator.ToColumnSchema"/>), compared the way the core's schema comparison does
/// (type ignoring case, default ignoring whitespace). Dry runs and drift detection depend on it.
/// </remarks>
/// <typeparam name="TTarget">The provider's target.</typeparam>
[TestFixture]
public abstract class OperationSpecification<TTarget> : SpecificationFixture<TTarget>
    where TTarget : ISpecificationTarget, new()
{
    /// <summary>Create table with every column type, nullability, constant and CURRENT_TIMESTAMP defaults, identity and a single-column primary key.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task CreateTable_EveryColumnType_ReadsBackNamesNullabilityDefaultsIdentityAndKey()
    {
        await using var run = await StartAsync("AllTypes");

        var table = run.Table("everything");
        table.Columns.Select(c => c.Name).Should().Equal(
            "id", "small", "medium", "big", "price", "ratio", "code", "body", "flag", "born", "at", "created_at", "uid", "data", "doc");
        table.Columns.Where(c => c.IsNullable).Select(c => c.Name).Should().BeEquivalentTo("medium", "ratio", "body", "born", "at", "uid", "data", "doc");
        table.Columns.Where(c => c.IsIdentity).Select(c => c.Name).Should().Equal("id");
        table.Columns.Where(c => c.DefaultSql is not null).Select(c => c.Name).Should().BeEquivalentTo("big", "price", "code", "flag", "created_at");
        table.FindColumn("code")!.DefaultSql.Should().Contain("new");
        table.FindColumn("big")!.DefaultSql.Should().Contain("42");
        table.PrimaryKey.Should().NotBeNull();
        table.PrimaryKey!.Name.Should().Be("pk_everything");
        table.PrimaryKey.Columns.Should().Equal("id");
        table.UniqueConstraints.Should().BeEmpty();
        table.ForeignKeys.Should().BeEmpty();
        table.CheckConstraints.Should().BeEmpty();
        table.Indexes.Should().BeEmpty("a primary key is not reported as an index");

        // The defaults and the identity work for application SQL.
        await run.Database.ExecuteAsync("INSERT INTO \"everything\" (\"small\") VALUES (7)");
        await run.Database.ExecuteAsync("INSERT INTO \"everything\" (\"small\") VALUES (8)");
        (await run.Database.ScalarAsync("SELECT COUNT(DISTINCT \"id\") FROM \"everything\" WHERE \"id\" IS NOT NULL")).Should().Be(2, "identity generates distinct ids");
        (await run.Database.ScalarAsync("SELECT COUNT(*) FROM \"everything\" WHERE \"big\" = 42 AND \"code\" = 'new' AND \"created_at\" IS NOT NULL AND \"flag\" = TRUE")).Should().Be(2);
        await run.Database.ExecuteAsync("DELETE FROM \"everything\"");

        await run.DownAndUpAgainAsync();
    }

    /// <summary>Every column's store type and default read back as the provider's SQL generator writes them.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task CreateTable_EveryColumnType_ReadsBackStoreTypesAndDefaultsAsTheGeneratorWritesThem()
    {
        await using var run = await StartAsync("AllTypes");
        var create = OperationsOf(new AllTypes.CreateEverything()).OfType<CreateTableOperation>().Single();

        await AssertColumnsAsGeneratedAsync(run, "everything", create.Columns);
    }

    /// <summary>Drop table removes only that table; an explicit Down recreates it.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task DropTable_RemovesTheTableAndDownRecreatesIt()
    {
        await using var run = await StartAsync("DropTable");

        run.AfterUp.FindTable(new("doomed")).Should().BeNull();
        run.AfterUp.Tables.Select(t => t.Name.Name).Should().Equal("kept");

        var down = await run.DownAsync();
        down.FindTable(new("doomed"))!.Columns.Select(c => c.Name).Should().Equal("id", "name");
        await run.UpAgainAsync();
    }

    /// <summary>Rename table keeps columns, rows and the foreign keys that reference it; its inverse renames it back.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task RenameTable_KeepsColumnsRowsAndReferencingForeignKeys()
    {
        await using var run = await StartAsync("RenameTable");

        run.AfterUp.FindTable(new("parents")).Should().BeNull();
        var renamed = run.Table("guardians");
        renamed.Columns.Select(c => c.Name).Should().Equal("id", "name");
        renamed.PrimaryKey!.Columns.Should().Equal("id");
        var key = run.Table("children").ForeignKeys.Should().ContainSingle().Which;
        key.PrincipalTable.Name.Should().Be("guardians", "the foreign key follows the renamed table");
        key.PrincipalColumns.Should().Equal("id");
        (await run.Database.ScalarAsync("SELECT COUNT(*) FROM \"guardians\" WHERE \"name\" = 'first'")).Should().Be(1);

        await run.DownAsync();
        (await run.Database.ScalarAsync("SELECT COUNT(*) FROM \"parents\"")).Should().Be(1);
        await run.UpAgainAsync();
    }

    /// <summary>Add column: nullable, NOT NULL with a constant default, NOT NULL with CURRENT_TIMESTAMP, unique and referencing; existing rows keep their data and get the defaults.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task AddColumn_OfEveryKind_AddsColumnsConstraintsAndFillsDefaults()
    {
        await using var run = await StartAsync("AddColumn");

        var items = run.Table("items");
        items.Columns.Select(c => c.Name).Should().Equal("id", "name", "note", "qty", "stamp", "code", "owner_id");
        items.Columns.Where(c => c.IsNullable).Select(c => c.Name).Should().BeEquivalentTo("note", "code", "owner_id");
        items.FindColumn("qty")!.DefaultSql.Should().Contain("1");
        items.FindColumn("stamp")!.DefaultSql.Should().NotBeNull();
        var unique = items.UniqueConstraints.Should().ContainSingle().Which;
        unique.Name.Should().Be("uq_items_code");
        unique.Columns.Should().Equal("code");
        var key = items.ForeignKeys.Should().ContainSingle().Which;
        key.Name.Should().Be("fk_items_owner_id_owners");
        key.Columns.Should().Equal("owner_id");
        key.PrincipalTable.Name.Should().Be("owners");
        key.OnDelete.Should().Be(ReferentialAction.SetNull);
        items.PrimaryKey!.Columns.Should().Equal("id");
        items.Columns.Should().OnlyContain(c => !c.IsIdentity, "a primary key column is not an identity column unless declared Identity()");
        (await run.Database.ScalarAsync("SELECT COUNT(*) FROM \"items\" WHERE \"id\" = 1 AND \"name\" = 'one' AND \"qty\" = 1 AND \"stamp\" IS NOT NULL AND \"note\" IS NULL")).Should().Be(1);

        await run.DownAsync();
        (await run.Database.ScalarAsync("SELECT COUNT(*) FROM \"items\" WHERE \"name\" = 'one'")).Should().Be(1, "Down keeps the rows");
        await run.UpAgainAsync();
    }

    /// <summary>Add column of every type, nullable or NOT NULL with a constant default: types, nullability and defaults read back as generated, and existing rows get the defaults.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task AddColumn_OfEveryType_ReadsBackAsGeneratedAndFillsExistingRows()
    {
        await using var run = await StartAsync("AddEveryType");

        var items = run.Table("items");
        items.Columns.Select(c => c.Name).Should().Equal(
            "id", "small", "medium", "big", "price", "ratio", "code", "body", "flag", "born", "at", "seen", "uid", "data", "doc");
        items.Columns.Where(c => !c.IsNullable).Select(c => c.Name).Should().BeEquivalentTo("id", "big", "code", "flag");
        var added = OperationsOf(new AddEveryType.AddColumns()).OfType<AddColumnOperation>().Select(a => a.Column).ToArray();
        added.Should().HaveCount(14);
        await AssertColumnsAsGeneratedAsync(run, "items", added);
        (await run.Database.ScalarAsync("SELECT COUNT(*) FROM \"items\" WHERE \"id\" = 1 AND \"big\" = 42 AND \"code\" = 'none' AND \"flag\" = FALSE AND \"small\" IS NULL AND \"doc\" IS NULL")).Should().Be(1);

        await run.DownAndUpAgainAsync();
    }

    /// <summary>Drop column removes it and keeps the rows; an explicit Down adds it back.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task DropColumn_RemovesTheColumnAndKeepsRows()
    {
        await using var run = await StartAsync("DropColumn");

        run.Table("items").Columns.Select(c => c.Name).Should().Equal("id", "name");
        (await run.Database.ScalarAsync("SELECT COUNT(*) FROM \"items\" WHERE \"name\" = 'one'")).Should().Be(1);

        await run.DownAndUpAgainAsync();
    }

    /// <summary>Rename column keeps the rows, and indexes follow the new name; its inverse renames it back.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task RenameColumn_KeepsRowsAndIndexesFollow()
    {
        await using var run = await StartAsync("RenameColumn");

        var items = run.Table("items");
        items.Columns.Select(c => c.Name).Should().Equal("id", "title");
        var index = items.Indexes.Should().ContainSingle().Which;
        index.Name.Should().Be("ix_items_name");
        index.Columns.Should().Equal("title");
        (await run.Database.ScalarAsync("SELECT COUNT(*) FROM \"items\" WHERE \"title\" = 'one'")).Should().Be(1);

        await run.DownAsync();
        (await run.Database.ScalarAsync("SELECT COUNT(*) FROM \"items\" WHERE \"name\" = 'one'")).Should().Be(1);
        await run.UpAgainAsync();
    }

    /// <summary>Alter column changes type, nullability and default and keeps the rows; Down, derived from the old definition, restores them.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task AlterColumn_TypeNullabilityAndDefault_ChangesThemAndKeepsRows()
    {
        await using var run = await StartAsync("AlterColumn");

        var name = run.Table("items").FindColumn("name")!;
        name.IsNullable.Should().BeFalse();
        name.DefaultSql.Should().Contain("unnamed");
        run.Table("items").FindColumn("qty")!.IsNullable.Should().BeFalse();
        var alters = OperationsOf(new AlterColumn.AlterColumns()).OfType<AlterColumnOperation>().Select(a => a.Column).ToArray();
        await AssertColumnsAsGeneratedAsync(run, "items", alters);
        (await run.Database.ScalarAsync("SELECT COUNT(*) FROM \"items\" WHERE \"id\" = 1 AND \"name\" = 'one' AND \"qty\" = 5")).Should().Be(1);
        (await run.Database.TextAsync("SELECT \"price\" FROM \"items\" WHERE \"id\" = 1")).Should().StartWith("1.5", "the value survives the type change");
        await run.Database.ExecuteAsync("INSERT INTO \"items\" (\"id\", \"qty\") VALUES (2, 3000000000)");
        (await run.Database.ScalarAsync("SELECT COUNT(*) FROM \"items\" WHERE \"name\" = 'unnamed' AND \"qty\" = 3000000000")).Should().Be(1, "the new default and the wider type apply");
        await run.Database.ExecuteAsync("DELETE FROM \"items\" WHERE \"id\" = 2");

        var down = await run.DownAsync();
        down.FindTable(new("items"))!.FindColumn("name")!.IsNullable.Should().BeTrue();
        down.FindTable(new("items"))!.FindColumn("name")!.DefaultSql.Should().BeNull();
        (await run.Database.ScalarAsync("SELECT COUNT(*) FROM \"items\" WHERE \"name\" = 'one' AND \"qty\" = 5")).Should().Be(1);
        await run.UpAgainAsync();
    }

    /// <summary>Composite primary key, column and table unique constraints and a check constraint, declared in create table, read back by name and enforced.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task CreateTable_CompositeKeyUniquesAndCheck_ReadBackByNameAndAreEnforced()
    {
        await using var run = await StartAsync("KeysAndChecks");

        var table = run.Table("memberships");
        table.PrimaryKey!.Name.Should().Be("pk_memberships");
        table.PrimaryKey.Columns.Should().Equal("group_id", "user_id");
        table.FindColumn("group_id")!.IsNullable.Should().BeFalse();
        table.FindColumn("user_id")!.IsNullable.Should().BeFalse();
        table.Columns.Should().OnlyContain(c => !c.IsIdentity, "no column is declared Identity()");
        table.UniqueConstraints.Select(u => (u.Name, string.Join(",", u.Columns))).Should().BeEquivalentTo(new[]
        {
            ("uq_memberships_email", "email"),
            ("uq_memberships_group_id_role", "group_id,role"),
        });
        table.Indexes.Should().BeEmpty("unique constraints and keys are not reported as indexes");
        var check = table.CheckConstraints.Should().ContainSingle().Which;
        check.Name.Should().Be("ck_memberships_role_not_empty");
        check.Expression.Should().Contain("role");

        await run.Database.ExecuteAsync("INSERT INTO \"memberships\" (\"group_id\", \"user_id\", \"role\", \"email\") VALUES (1, 1, 'admin', 'a@example.com')");
        var samePrimaryKey = () => run.Database.ExecuteAsync("INSERT INTO \"memberships\" (\"group_id\", \"user_id\", \"role\", \"email\") VALUES (1, 1, 'user', 'b@example.com')");
        await samePrimaryKey.Should().ThrowAsync<DbException>();
        var sameEmail = () => run.Database.ExecuteAsync("INSERT INTO \"memberships\" (\"group_id\", \"user_id\", \"role\", \"email\") VALUES (1, 2, 'user', 'a@example.com')");
        await sameEmail.Should().ThrowAsync<DbException>();
        var sameRole = () => run.Database.ExecuteAsync("INSERT INTO \"memberships\" (\"group_id\", \"user_id\", \"role\", \"email\") VALUES (1, 3, 'admin', 'c@example.com')");
        await sameRole.Should().ThrowAsync<DbException>();
        var emptyRole = () => run.Database.ExecuteAsync("INSERT INTO \"memberships\" (\"group_id\", \"user_id\", \"role\", \"email\") VALUES (2, 1, '', 'd@example.com')");
        await emptyRole.Should().ThrowAsync<DbException>();
        (await run.Database.ScalarAsync("SELECT COUNT(*) FROM \"memberships\"")).Should().Be(1);
        await run.Database.ExecuteAsync("DELETE FROM \"memberships\"");

        await run.DownAndUpAgainAsync();
    }

    /// <summary>Create index: plain, composite unique and filtered, read back by name with columns, uniqueness and filter; Down drops them.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task CreateIndex_PlainCompositeUniqueAndFiltered_ReadBackAndUniqueIsEnforced()
    {
        await using var run = await StartAsync("Indexes");

        var indexes = run.Table("items").Indexes.ToDictionary(i => i.Name);
        indexes.Keys.Should().BeEquivalentTo("ix_items_name", "ix_items_category_name", "ix_items_live_names");
        indexes["ix_items_name"].Should().Match<IndexDefinition>(i => !i.IsUnique && i.Filter == null);
        indexes["ix_items_name"].Columns.Should().Equal("name");
        indexes["ix_items_category_name"].Should().Match<IndexDefinition>(i => i.IsUnique && i.Filter == null);
        indexes["ix_items_category_name"].Columns.Should().Equal("category", "name");
        indexes["ix_items_live_names"].IsUnique.Should().BeFalse();
        indexes["ix_items_live_names"].Columns.Should().Equal("name");
        indexes["ix_items_live_names"].Filter.Should().Contain("archived_at").And.ContainEquivalentOf("is null");
        run.Table("items").UniqueConstraints.Should().BeEmpty("a unique index is not a unique constraint");

        await run.Database.ExecuteAsync("INSERT INTO \"items\" (\"id\", \"name\", \"category\") VALUES (1, 'x', 'tools')");
        var duplicate = () => run.Database.ExecuteAsync("INSERT INTO \"items\" (\"id\", \"name\", \"category\") VALUES (2, 'x', 'tools')");
        await duplicate.Should().ThrowAsync<DbException>();
        await run.Database.ExecuteAsync("INSERT INTO \"items\" (\"id\", \"name\", \"category\") VALUES (3, 'x', 'toys')");

        var down = await run.DownAsync();
        down.FindTable(new("items"))!.Indexes.Should().BeEmpty();
        await run.Database.ExecuteAsync("INSERT INTO \"items\" (\"id\", \"name\", \"category\") VALUES (2, 'x', 'tools')");
        await run.Database.ExecuteAsync("DELETE FROM \"items\"");
        await run.UpAgainAsync();
    }

    /// <summary>Drop index removes it (and what it enforced); an explicit Down recreates it.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task DropIndex_RemovesTheIndex()
    {
        await using var run = await StartAsync("DropIndex");

        run.Before.FindTable(new("items"))!.Indexes.Should().ContainSingle().Which.Should().Match<IndexDefinition>(i => i.Name == "ix_items_code" && i.IsUnique);
        run.Table("items").Indexes.Should().BeEmpty();
        await run.Database.ExecuteAsync("INSERT INTO \"items\" (\"id\", \"code\") VALUES (1, 'a'), (2, 'a')");
        await run.Database.ExecuteAsync("DELETE FROM \"items\"");

        await run.DownAndUpAgainAsync();
    }

    /// <summary>Foreign keys declared in create table, single and composite, with every referential action, read back by name with columns, principal and actions.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task CreateTable_ForeignKeysWithActions_ReadBackByNameColumnsPrincipalAndActions()
    {
        await using var run = await StartAsync("ForeignKeys");

        var keys = run.Table("books").ForeignKeys.ToDictionary(f => f.Name);
        keys.Keys.Should().BeEquivalentTo(
            "fk_books_author_id_authors", "fk_books_publisher_id_publishers", "fk_books_editor_id_authors",
            "fk_books_reviewer_id_authors", "fk_books_translator_id_authors", "fk_books_series_id_series_no_series");
        Describe(keys["fk_books_author_id_authors"]).Should().Be("author_id -> authors(id) on delete Cascade on update NoAction");
        Describe(keys["fk_books_publisher_id_publishers"]).Should().Be("publisher_id -> publishers(id) on delete SetNull on update Cascade");
        Describe(keys["fk_books_editor_id_authors"]).Should().Be("editor_id -> authors(id) on delete Restrict on update NoAction");
        Describe(keys["fk_books_reviewer_id_authors"]).Should().Be("reviewer_id -> authors(id) on delete NoAction on update NoAction");
        Describe(keys["fk_books_translator_id_authors"]).Should().Be("translator_id -> authors(id) on delete SetDefault on update NoAction");
        Describe(keys["fk_books_series_id_series_no_series"]).Should().Be("series_id, series_no -> series(id, no) on delete NoAction on update NoAction");
        run.Table("series").PrimaryKey!.Columns.Should().Equal("id", "no");

        var down = await run.DownAsync();
        down.FindTable(new("books")).Should().BeNull();
        await run.UpAgainAsync();
    }

    /// <summary>A primary key, a unique constraint, a foreign key and a check added to existing tables with rows; Down, derived, drops them.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task AddConstraints_ToExistingTables_ReadBackByNameAndAreEnforced()
    {
        await using var run = await StartAsync("AddConstraints");

        var owners = run.Table("owners");
        owners.PrimaryKey.Should().NotBeNull();
        owners.PrimaryKey!.Name.Should().Be("pk_owners");
        owners.PrimaryKey.Columns.Should().Equal("id");
        owners.UniqueConstraints.Should().ContainSingle().Which.Should().Match<UniqueConstraintDefinition>(u => u.Name == "uq_owners_email" && u.Columns.SequenceEqual(new[] { "email" }));
        var pets = run.Table("pets");
        Describe(pets.ForeignKeys.Should().ContainSingle().Which).Should().Be("owner_id -> owners(id) on delete Cascade on update NoAction");
        pets.ForeignKeys.Single().Name.Should().Be("fk_pets_owner_id_owners");
        pets.CheckConstraints.Should().ContainSingle().Which.Name.Should().Be("ck_pets_legs");
        (await run.Database.ScalarAsync("SELECT COUNT(*) FROM \"pets\"")).Should().Be(2, "adding constraints keeps the rows");
        var negativeLegs = () => run.Database.ExecuteAsync("INSERT INTO \"pets\" (\"id\", \"owner_id\", \"legs\") VALUES (3, 1, -1)");
        await negativeLegs.Should().ThrowAsync<DbException>();
        var sameEmail = () => run.Database.ExecuteAsync("INSERT INTO \"owners\" (\"id\", \"email\") VALUES (3, 'a@example.com')");
        await sameEmail.Should().ThrowAsync<DbException>();

        var down = await run.DownAsync();
        down.FindTable(new("owners"))!.PrimaryKey.Should().BeNull();
        down.FindTable(new("pets"))!.CheckConstraints.Should().BeEmpty();
        await run.Database.ExecuteAsync("INSERT INTO \"pets\" (\"id\", \"owner_id\", \"legs\") VALUES (3, 1, -1)");
        await run.Database.ExecuteAsync("DELETE FROM \"pets\" WHERE \"id\" = 3");
        await run.UpAgainAsync();
    }

    /// <summary>The check, the foreign key, the unique constraint and the primary key dropped from existing tables; an explicit Down adds them back.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task DropConstraints_FromExistingTables_RemovesThemAndKeepsRows()
    {
        await using var run = await StartAsync("DropConstraints");

        run.Before.FindTable(new("pets"))!.CheckConstraints.Should().ContainSingle().Which.Name.Should().Be("ck_pets_legs");
        run.Before.FindTable(new("pets"))!.ForeignKeys.Should().ContainSingle().Which.Name.Should().Be("fk_pets_owner_id_owners");
        run.Before.FindTable(new("owners"))!.UniqueConstraints.Should().ContainSingle().Which.Name.Should().Be("uq_owners_email");
        run.Before.FindTable(new("owners"))!.PrimaryKey!.Name.Should().Be("pk_owners");
        var owners = run.Table("owners");
        owners.PrimaryKey.Should().BeNull();
        owners.UniqueConstraints.Should().BeEmpty();
        owners.Columns.Select(c => c.Name).Should().Equal("id", "email");
        var pets = run.Table("pets");
        pets.ForeignKeys.Should().BeEmpty();
        pets.CheckConstraints.Should().BeEmpty();
        pets.PrimaryKey!.Columns.Should().Equal("id");
        (await run.Database.ScalarAsync("SELECT COUNT(*) FROM \"pets\" WHERE \"legs\" = 4")).Should().Be(1);
        await run.Database.ExecuteAsync("INSERT INTO \"pets\" (\"id\", \"owner_id\", \"legs\") VALUES (2, 1, -1)");
        await run.Database.ExecuteAsync("DELETE FROM \"pets\" WHERE \"id\" = 2");

        await run.DownAndUpAgainAsync();
    }

    /// <summary>Insert data writes rows of every value type (quotes escaped, nulls kept); Down, derived, deletes exactly them.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task InsertData_RowsOfEveryValueType_AreWrittenAndDownDeletesThem()
    {
        await using var run = await StartAsync("InsertData");

        (await run.Database.ScalarAsync("SELECT COUNT(*) FROM \"colors\"")).Should().Be(3);
        (await run.Database.TextAsync("SELECT \"name\" FROM \"colors\" WHERE \"id\" = 3")).Should().Be("it's blue");
        (await run.Database.ScalarAsync("SELECT COUNT(*) FROM \"colors\" WHERE \"id\" = 2 AND \"hex\" IS NULL")).Should().Be(1);
        (await run.Database.ScalarAsync(
            $"SELECT COUNT(*) FROM \"samples\" WHERE \"id\" = 1 AND \"flag\" = TRUE AND \"ratio\" = 0.5 AND \"uid\" = '{InsertData.InsertRows.Uid}' AND \"note\" IS NULL AND \"data\" IS NOT NULL AND \"doc\" IS NOT NULL AND \"born\" IS NOT NULL AND \"at\" IS NOT NULL"))
            .Should().Be(1);
        (await run.Database.TextAsync("SELECT \"price\" FROM \"samples\" WHERE \"id\" = 1")).Should().Be("12.34");
        run.AfterUp.CompareTo(run.Before).Should().BeEmpty("data changes no schema");

        await run.DownAsync();
        (await run.Database.ScalarAsync("SELECT COUNT(*) FROM \"colors\"")).Should().Be(0);
        (await run.Database.ScalarAsync("SELECT COUNT(*) FROM \"samples\"")).Should().Be(0);
        await run.UpAgainAsync();
        (await run.Database.ScalarAsync("SELECT COUNT(*) FROM \"colors\"")).Should().Be(3);
    }

    /// <summary>Update and delete data change exactly the keyed rows; an explicit Down puts them back.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task UpdateAndDeleteData_ChangeExactlyTheKeyedRows()
    {
        await using var run = await StartAsync("UpdateDeleteData");

        (await ColorsAsync(run)).Should().Equal("1=crimson", "2=green");

        await run.DownAsync();
        (await ColorsAsync(run)).Should().Equal("1=red", "2=green", "3=blue");
        await run.UpAgainAsync();
        (await ColorsAsync(run)).Should().Equal("1=crimson", "2=green");
    }

    /// <summary>Raw SQL runs the variant written for the target's provider, ignoring variants for other providers.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task Sql_WithAVariantForThisProvider_RunsTheVariant()
    {
        try
        {
            RawSqlVariant.InsertNote.VariantProvider = Target.ProviderName;
            await using var run = await StartAsync("RawSqlVariant");

            (await run.Database.TextAsync("SELECT \"source\" FROM \"notes\" WHERE \"id\" = 1")).Should().Be("variant");

            await run.DownAsync();
            (await run.Database.ScalarAsync("SELECT COUNT(*) FROM \"notes\"")).Should().Be(0);
            await run.UpAgainAsync();
            (await run.Database.TextAsync("SELECT \"source\" FROM \"notes\" WHERE \"id\" = 1")).Should().Be("variant");
        }
        finally
        {
            RawSqlVariant.InsertNote.VariantProvider = RawSqlVariant.InsertNote.NoProvider;
        }
    }

    /// <summary>Raw SQL with variants only for other providers runs the generic statement.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task Sql_WithVariantsOnlyForOtherProviders_RunsTheGenericStatement()
    {
        await using var run = await StartAsync("RawSqlVariant");

        (await run.Database.TextAsync("SELECT \"source\" FROM \"notes\" WHERE \"id\" = 1")).Should().Be("generic");

        await run.DownAndUpAgainAsync();
    }

    private async Task<OperationRun> StartAsync(string scenario)
    {
        var database = await CreateDatabaseAsync();
        try
        {
            return await OperationRun.StartAsync(database, Runner(database, "Operations." + scenario));
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    private static IReadOnlyList<MigrationOperation> OperationsOf(Migration migration)
    {
        var builder = new MigrationBuilder();
        migration.Up(builder);
        return builder.Operations;
    }

    /// <summary>Checks each column's store type and default against what the provider's generator writes for its definition.</summary>
    private static async Task AssertColumnsAsGeneratedAsync(OperationRun run, string table, IEnumerable<ColumnDefinition> definitions)
    {
        var provider = run.Database.CreateProvider();
        try
        {
            var actual = run.Table(table);
            foreach (var definition in definitions)
            {
                var expected = provider.SqlGenerator.ToColumnSchema(definition);
                var column = actual.FindColumn(definition.Name);
                column.Should().NotBeNull();
                column!.StoreType.Should().BeEquivalentTo(expected.StoreType, $"column {definition.Name} is declared {definition.Type}");
                Normalize(column.DefaultSql).Should().BeEquivalentTo(Normalize(expected.DefaultSql), $"the default of column {definition.Name} reads back as the generator writes it");
                column.IsNullable.Should().Be(expected.IsNullable, $"column {definition.Name}'s nullability");
                column.IsIdentity.Should().Be(expected.IsIdentity, $"column {definition.Name}'s identity");
            }
        }
        finally
        {
            switch (provider)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }

    private static string? Normalize(string? sql) => sql is null ? null : string.Join(' ', sql.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string Describe(ForeignKeyDefinition key) =>
        $"{string.Join(", ", key.Columns)} -> {key.PrincipalTable.Name}({string.Join(", ", key.PrincipalColumns)}) on delete {key.OnDelete} on update {key.OnUpdate}";

    private static async Task<string[]> ColorsAsync(OperationRun run)
    {
        var colors = new List<string>();
        for (var id = 1; id <= 3; id++)
        {
            if (await run.Database.TextAsync($"SELECT \"name\" FROM \"colors\" WHERE \"id\" = {id}") is { } name)
            {
                colors.Add($"{id}={name}");
            }
        }

        return [.. colors];
    }
}
