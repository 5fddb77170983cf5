using MigrationKit.Inspection;
using MigrationKit.Operations;
using MigrationKit.PostgreSql.Tests.Support;
using Npgsql;
using static MigrationKit.PostgreSql.Tests.Support.OperationHarness;

namespace MigrationKit.PostgreSql.Tests.Providers;

/// <summary>
/// Every operation executed on a real server, read back from the catalogs, and compared with the generator's replay
/// (<c>Apply(schemaBefore, operation)</c>); then down, then up again.
/// </summary>
public sealed class PostgreSqlOperationTests
{
    private TestDatabase _database = null!;
    private OperationHarness _harness = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _database = await PostgresServer.CreateDatabaseAsync();
        _harness = await OperationHarness.OpenAsync(_database);
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        await _harness.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Test]
    public async Task CreateTable_EveryColumnTypeWithDefaults_ReadsBackAsReplayed()
    {
        var up = Ops(m => m.CreateTable("everything", t =>
        {
            t.Column("id").AsInt64().Identity().PrimaryKey();
            t.Column("small").AsInt16().Default((short)5);
            t.Column("number").AsInt32().Default(-3);
            t.Column("big").AsInt64().Default(10_000_000_000L);
            t.Column("price").AsDecimal(10, 2).Default(1.50m);
            t.Column("ratio").AsDouble().Default(-1.25);
            t.Column("name").AsString(100).Default("it's");
            t.Column("notes").AsText().Nullable();
            t.Column("active").AsBoolean().Default(true);
            t.Column("born").AsDate().Default(new DateOnly(2026, 1, 1));
            t.Column("seen").AsDateTime().Default(new DateTime(2026, 1, 1, 10, 0, 0, 500, DateTimeKind.Unspecified));
            t.Column("created_at").AsDateTimeOffset().DefaultSql(SqlExpression.CurrentTimestamp);
            t.Column("token").AsGuid().Default(Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff"));
            t.Column("random_token").AsGuid().DefaultSql(SqlExpression.Raw("gen_random_uuid()"));
            t.Column("blob").AsBinary(16).Nullable().Default(new byte[] { 0x01, 0xAB });
            t.Column("document").AsJson().Default("{}");
            t.Column("labels").AsCustom("text[]").Nullable();
            t.Column("search").AsCustom("tsvector").Nullable();
        }));

        var schema = await _harness.RoundTripAsync(up);

        var table = schema.FindTable(new("everything"))!;
        table.Columns.Select(c => c.StoreType).Should().Equal(
            "bigint", "smallint", "integer", "bigint", "numeric(10,2)", "double precision", "character varying(100)", "text", "boolean", "date",
            "timestamp without time zone", "timestamp with time zone", "uuid", "uuid", "bytea", "jsonb", "text[]", "tsvector");
        table.FindColumn("id")!.IsIdentity.Should().BeTrue();
        table.FindColumn("id")!.DefaultSql.Should().BeNull("an identity column has no default");
        table.FindColumn("name")!.DefaultSql.Should().Be("'it''s'", "the type label PostgreSQL adds is stripped");
        table.FindColumn("number")!.DefaultSql.Should().Be("-3", "a negative number PostgreSQL quotes is unquoted");
        table.FindColumn("active")!.DefaultSql.Should().Be("true");
        table.FindColumn("created_at")!.DefaultSql.Should().Be("now()");
        table.FindColumn("blob")!.DefaultSql.Should().Be("'\\x01ab'");
        table.FindColumn("notes")!.IsNullable.Should().BeTrue();
        table.FindColumn("price")!.IsNullable.Should().BeFalse();
        table.PrimaryKey.Should().BeEquivalentTo(new PrimaryKeyDefinition("pk_everything", ["id"]));
    }

    [Test]
    public async Task CreateTable_DateTimeOffsetDefault_ReadsBackAsTheSameInstantInUtc()
    {
        // PostgreSQL prints a timestamptz constant in the session's time zone; the generator writes UTC.
        await _harness.ExecuteAsync("SET TIME ZONE 'UTC'");
        var up = Ops(m => m.CreateTable("stamps", t => t.Column("at").AsDateTimeOffset().Default(new DateTimeOffset(2026, 1, 1, 10, 0, 0, 250, TimeSpan.FromHours(2)))));

        var schema = await _harness.RoundTripAsync(up);

        schema.FindTable(new("stamps"))!.FindColumn("at")!.DefaultSql.Should().Be("'2026-01-01 08:00:00.25+00'");
    }

    [Test]
    public async Task CreateTable_ConstantDefaults_ApplyToInsertedRows()
    {
        await _harness.ExecuteAsync(Ops(m => m.CreateTable("defaults", t =>
        {
            t.Column("id").AsInt32().Identity().PrimaryKey();
            t.Column("status").AsString(20).Default("idle");
            t.Column("active").AsBoolean().Default(false);
            t.Column("price").AsDecimal(10, 2).Default(1.50m);
            t.Column("token").AsGuid().Default(Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff"));
            t.Column("blob").AsBinary().Default(new byte[] { 0x01, 0xAB });
        }))[0]);

        await _database.ExecuteAsync("INSERT INTO defaults DEFAULT VALUES; INSERT INTO defaults DEFAULT VALUES");

        (await _database.ColumnAsync("SELECT id FROM defaults ORDER BY id")).Should().Equal("1", "2");
        (await _database.ColumnAsync("SELECT status || '/' || active || '/' || price || '/' || token || '/' || encode(blob, 'hex') FROM defaults LIMIT 1"))
            .Should().Equal("idle/false/1.50/6f9619ff-8b86-d011-b42d-00c04fc964ff/01ab");
    }

    [Test]
    public async Task CreateTable_CompositeKeyAndUniqueConstraints_ReadBackInKeyOrder()
    {
        var up = Ops(m => m.CreateTable("memberships", t =>
        {
            t.Column("team_id").AsInt64();
            t.Column("user_id").AsInt64();
            t.Column("email").AsString(200).Unique();
            t.Column("slot").AsInt32();
            t.PrimaryKey("user_id", "team_id");
            t.Unique("team_id", "slot");
        }));

        var table = (await _harness.RoundTripAsync(up)).FindTable(new("memberships"))!;

        table.PrimaryKey!.Columns.Should().Equal("user_id", "team_id");
        table.UniqueConstraints.Should().BeEquivalentTo(new[]
        {
            new UniqueConstraintDefinition("uq_memberships_email", ["email"]),
            new UniqueConstraintDefinition("uq_memberships_team_id_slot", ["team_id", "slot"]),
        });
        table.Indexes.Should().BeEmpty("the indexes behind the key and unique constraints are not reported as indexes");
    }

    [Test]
    public async Task CreateTable_ForeignKeysWithEveryAction_ReadBackWithActionsAndKeyOrder()
    {
        var up = Ops(m =>
        {
            m.CreateTable("parents", t =>
            {
                t.Column("a").AsInt32();
                t.Column("b").AsInt32();
                t.Column("id").AsInt64().Unique();
                t.PrimaryKey("a", "b");
            });
            m.CreateTable("children", t =>
            {
                t.Column("id").AsInt64().Identity().PrimaryKey();
                t.Column("x").AsInt32().Nullable();
                t.Column("y").AsInt32().Nullable();
                t.Column("cascade_id").AsInt64().Nullable().References("parents", onDelete: ReferentialAction.Cascade, onUpdate: ReferentialAction.Restrict);
                t.Column("set_null_id").AsInt64().Nullable().References("parents", onDelete: ReferentialAction.SetNull, onUpdate: ReferentialAction.Cascade);
                t.Column("set_default_id").AsInt64().Nullable().References("parents", onDelete: ReferentialAction.SetDefault);
                t.Column("restrict_id").AsInt64().Nullable().References("parents", onDelete: ReferentialAction.Restrict, onUpdate: ReferentialAction.SetNull);
                t.Column("no_action_id").AsInt64().Nullable().References("parents");
                t.ForeignKey(["y", "x"], "parents", ["b", "a"], onDelete: ReferentialAction.Cascade);
            });
        });

        var children = (await _harness.RoundTripAsync(up)).FindTable(new("children"))!;

        children.ForeignKeys.Should().BeEquivalentTo(new[]
        {
            new ForeignKeyDefinition("fk_children_cascade_id_parents", ["cascade_id"], new("parents"), ["id"]) { OnDelete = ReferentialAction.Cascade, OnUpdate = ReferentialAction.Restrict },
            new ForeignKeyDefinition("fk_children_set_null_id_parents", ["set_null_id"], new("parents"), ["id"]) { OnDelete = ReferentialAction.SetNull, OnUpdate = ReferentialAction.Cascade },
            new ForeignKeyDefinition("fk_children_set_default_id_parents", ["set_default_id"], new("parents"), ["id"]) { OnDelete = ReferentialAction.SetDefault },
            new ForeignKeyDefinition("fk_children_restrict_id_parents", ["restrict_id"], new("parents"), ["id"]) { OnDelete = ReferentialAction.Restrict, OnUpdate = ReferentialAction.SetNull },
            new ForeignKeyDefinition("fk_children_no_action_id_parents", ["no_action_id"], new("parents"), ["id"]),
            new ForeignKeyDefinition("fk_children_y_x_parents", ["y", "x"], new("parents"), ["b", "a"]) { OnDelete = ReferentialAction.Cascade },
        });
    }

    [Test]
    public async Task ForeignKeyCascade_DeletingParent_DeletesChildrenAndNullsSetNull()
    {
        foreach (var operation in Ops(m =>
        {
            m.CreateTable("parents", t => t.Column("id").AsInt64().PrimaryKey());
            m.CreateTable("children", t =>
            {
                t.Column("id").AsInt64().PrimaryKey();
                t.Column("owner_id").AsInt64().References("parents", onDelete: ReferentialAction.Cascade);
                t.Column("watcher_id").AsInt64().Nullable().References("parents", onDelete: ReferentialAction.SetNull);
            });
        }))
        {
            await _harness.ExecuteAsync(operation);
        }

        await _database.ExecuteAsync("INSERT INTO parents VALUES (1), (2); INSERT INTO children VALUES (10, 1, 2), (20, 2, 2)");
        await _database.ExecuteAsync("DELETE FROM parents WHERE id = 2");

        (await _database.ColumnAsync("SELECT id || ':' || COALESCE(watcher_id::text, 'null') FROM children")).Should().Equal("10:null");
    }

    [Test]
    public async Task ColumnOperations_AddRenameAlterDrop_ReadBackAsReplayedAndReverse()
    {
        await _harness.ApplyAndCheckAsync(Ops(m => m.CreateTable("items", t =>
        {
            t.Column("id").AsInt64().PrimaryKey();
            t.Column("code").AsString(50).Default("a");
            t.Column("legacy").AsText().Nullable();
        }))[0]);
        await _database.ExecuteAsync("INSERT INTO items (id, code, legacy) VALUES (1, 'x', '42')");

        var up = Ops(m =>
        {
            m.AddColumn("items", "quantity", c => c.AsInt32().Default(0));
            m.RenameColumn("items", "code", "sku");
            m.AlterColumn("items", "sku", to => to.AsString(200).Nullable().Default("b"), from => from.AsString(50).Default("a"));
            m.AlterColumn("items", "legacy", to => to.AsInt32().Nullable(), from => from.AsText().Nullable());
            m.AlterColumn("items", "quantity", to => to.AsInt64().Identity(), from => from.AsInt32().Default(0));
        });

        var schema = await _harness.RoundTripAsync(up);

        var items = schema.FindTable(new("items"))!;
        items.Columns.Select(c => $"{c.Name} {c.StoreType}{(c.IsNullable ? " null" : string.Empty)}{(c.IsIdentity ? " identity" : string.Empty)} {c.DefaultSql}".TrimEnd())
            .Should().Equal("id bigint", "sku character varying(200) null 'b'", "legacy integer null", "quantity bigint identity");
        (await _database.ColumnAsync("SELECT legacy FROM items")).Should().ContainSingle().Which.Should().Be("42", "the text is converted with USING legacy::integer");

        // A dropped column comes back at the end of the table, so the last one is dropped to compare the way back.
        var dropped = await _harness.RoundTripAsync(
            Ops(m => m.DropColumn("items", "quantity")),
            Ops(m => m.AddColumn("items", "quantity", c => c.AsInt64().Identity())));
        dropped.FindTable(new("items"))!.Columns.Select(c => c.Name).Should().Equal("id", "sku", "legacy");
    }

    [Test]
    public async Task AlterColumnType_CollatedColumn_KeepsItsCollationUpAndDown()
    {
        await _harness.ExecuteAsync("CREATE TABLE items (id bigint PRIMARY KEY, code varchar(20) COLLATE \"C\" NOT NULL)");

        // Each step is checked against the prediction, which keeps the collation; Down must bring back varchar(20) "C".
        var schema = await _harness.RoundTripAsync(Ops(m => m.AlterColumn("items", "code", to => to.AsString(50), from => from.AsString(20))));

        schema.FindTable(new("items"))!.FindColumn("code")!.Should().BeEquivalentTo(new { StoreType = "character varying(50)", Collation = "C" });
        (await _database.ColumnAsync("SELECT collation_name FROM information_schema.columns WHERE table_name = 'items' AND column_name = 'code'"))
            .Should().Equal("C");
        _harness.Executed.Should().Contain("ALTER TABLE \"items\" ALTER COLUMN \"code\" TYPE character varying(50) COLLATE \"C\" USING \"code\"::character varying(50)")
            .And.Contain("ALTER TABLE \"items\" ALTER COLUMN \"code\" TYPE character varying(20) COLLATE \"C\" USING \"code\"::character varying(20)");
    }

    [Test]
    public async Task AlterColumnType_CollatedColumnToANumber_HasNoCollationToKeep()
    {
        await _harness.ExecuteAsync("CREATE TABLE items (id bigint PRIMARY KEY, code varchar(20) COLLATE \"C\")");

        var alter = Ops(m => m.AlterColumn("items", "code", to => to.AsInt32().Nullable()))[0];
        var statements = await _harness.Generator.GenerateAsync(alter, _harness);

        statements.Should().Equal("ALTER TABLE \"items\" ALTER COLUMN \"code\" TYPE integer USING \"code\"::integer");
    }

    [Test]
    public async Task AlterColumn_OnlyNullabilityChanges_DoesNotRewriteTheType()
    {
        await _harness.ExecuteAsync(Ops(m => m.CreateTable("items", t =>
        {
            t.Column("id").AsInt64().PrimaryKey();
            t.Column("name").AsString(50).Default("n");
        }))[0]);

        var alter = Ops(m => m.AlterColumn("items", "name", to => to.AsString(50).Nullable().Default("n")))[0];
        var statements = await _harness.Generator.GenerateAsync(alter, _harness);

        statements.Should().Equal("ALTER TABLE \"items\" ALTER COLUMN \"name\" DROP NOT NULL");
    }

    [Test]
    public void AlterColumn_WithoutKnownCurrentColumn_DropsDefaultBeforeTypeChangeWithUsing()
    {
        var alter = Ops(m => m.AlterColumn("items", "name", to => to.AsInt32().Default(1)))[0];

        _harness.Generator.Generate(alter).Should().Equal(
            "ALTER TABLE \"items\" ALTER COLUMN \"name\" DROP IDENTITY IF EXISTS",
            "ALTER TABLE \"items\" ALTER COLUMN \"name\" DROP DEFAULT",
            "ALTER TABLE \"items\" ALTER COLUMN \"name\" TYPE integer USING \"name\"::integer",
            "ALTER TABLE \"items\" ALTER COLUMN \"name\" SET NOT NULL",
            "ALTER TABLE \"items\" ALTER COLUMN \"name\" SET DEFAULT 1");
    }

    [Test]
    public async Task TableOperations_RenameTableReferencedByForeignKey_UpdatesReferenceAndReverses()
    {
        await _harness.ApplyAndCheckAsync(Ops(m => m.CreateTable("owners", t => t.Column("id").AsInt64().PrimaryKey()))[0]);
        await _harness.ApplyAndCheckAsync(Ops(m => m.CreateTable("pets", t =>
        {
            t.Column("id").AsInt64().PrimaryKey();
            t.Column("owner_id").AsInt64().References("owners");
        }))[0]);

        var schema = await _harness.RoundTripAsync(Ops(m => m.RenameTable("owners", "people")));

        schema.FindTable(new("owners")).Should().BeNull();
        schema.FindTable(new("pets"))!.ForeignKeys.Single().PrincipalTable.Should().Be(new QualifiedName("people"));
        schema.FindTable(new("people"))!.PrimaryKey!.Name.Should().Be("pk_owners", "PostgreSQL keeps constraint names on rename");
    }

    [Test]
    public async Task ConstraintOperations_AddAndDropKeysUniqueForeignKeyCheck_ReadBackAsReplayed()
    {
        foreach (var operation in Ops(m =>
        {
            m.CreateTable("accounts", t =>
            {
                t.Column("id").AsInt64();
                t.Column("email").AsString(200);
                t.Column("balance").AsDecimal(12, 2).Default(0m);
            });
            m.CreateTable("transfers", t =>
            {
                t.Column("id").AsInt64().PrimaryKey();
                t.Column("account_id").AsInt64();
            });
        }))
        {
            await _harness.ApplyAndCheckAsync(operation);
        }

        var up = Ops(m =>
        {
            m.AddPrimaryKey("accounts", "id");
            m.AddUniqueConstraint("accounts", "email");
            m.AddForeignKey("transfers", ["account_id"], "accounts", ["id"], onDelete: ReferentialAction.Cascade);
            m.AddCheckConstraint("accounts", "non_negative", "balance >= 0");
        });

        // Check expressions are stored parsed and printed back by PostgreSQL: compared by name and structure here.
        var schema = await _harness.RoundTripAsync(up, structureOnly: true);

        var accounts = schema.FindTable(new("accounts"))!;
        accounts.PrimaryKey.Should().BeEquivalentTo(new PrimaryKeyDefinition("pk_accounts", ["id"]));
        accounts.UniqueConstraints.Select(u => u.Name).Should().Equal("uq_accounts_email");
        accounts.CheckConstraints.Should().BeEquivalentTo(new[] { new CheckConstraintDefinition("ck_accounts_non_negative", "balance >= 0::numeric") });
        schema.FindTable(new("transfers"))!.ForeignKeys.Single().Name.Should().Be("fk_transfers_account_id_accounts");
    }

    [Test]
    public async Task CheckConstraint_RewrittenByPostgres_KeepsNameAndRejectsRows()
    {
        var schema = await _harness.RoundTripAsync(
            Ops(m => m.CreateTable("tasks", t =>
            {
                t.Column("id").AsInt64().PrimaryKey();
                t.Column("priority").AsInt32();
                t.Check("priority_range", "priority BETWEEN 0 AND 10");
            })),
            structureOnly: true);

        // PostgreSQL rewrites BETWEEN; only the name and the meaning survive.
        schema.FindTable(new("tasks"))!.CheckConstraints.Should().BeEquivalentTo(new[] { new CheckConstraintDefinition("ck_tasks_priority_range", "priority >= 0 AND priority <= 10") });
        var insert = () => _database.ExecuteAsync("INSERT INTO tasks VALUES (1, 11)");
        (await insert.Should().ThrowAsync<PostgresException>()).Which.ConstraintName.Should().Be("ck_tasks_priority_range");
    }

    [Test]
    public async Task Indexes_PlainUniquePartialExpressionAndGin_ReadBackWithNamesMethodsAndKeys()
    {
        await _harness.ApplyAndCheckAsync(Ops(m => m.CreateTable("articles", t =>
        {
            t.Column("id").AsInt64().PrimaryKey();
            t.Column("title").AsText();
            t.Column("body").AsText();
            t.Column("author").AsString(100);
            t.Column("slug").AsString(100);
            t.Column("deleted_at").AsDateTimeOffset().Nullable();
        }))[0]);

        // Plain, composite and unique indexes, and a partial one whose predicate PostgreSQL prints back as written.
        await _harness.RoundTripAsync(Ops(m =>
        {
            m.CreateIndex("articles", "author", "slug");
            m.CreateIndex("articles", "slug").Unique().Where("deleted_at IS NULL").Named("ix_articles_live_slug");
        }));

        // Expression and GIN indexes: PostgreSQL prints expressions its own way, so they are compared by structure.
        var schema = await _harness.RoundTripAsync(
            Ops(m =>
            {
                m.CreateExpressionIndex("articles", "ix_articles_search", "to_tsvector('english', title || ' ' || body)").Using("gin");
                m.CreateExpressionIndex("articles", "ix_articles_lower_author", "lower(author)");
            }),
            structureOnly: true);

        var indexes = schema.FindTable(new("articles"))!.Indexes.ToDictionary(i => i.Name);
        indexes.Keys.Should().BeEquivalentTo("ix_articles_author_slug", "ix_articles_live_slug", "ix_articles_search", "ix_articles_lower_author");
        indexes["ix_articles_author_slug"].Columns.Should().Equal("author", "slug");
        indexes["ix_articles_live_slug"].Should().BeEquivalentTo(new IndexDefinition("ix_articles_live_slug", ["slug"]) { IsUnique = true, Filter = "deleted_at IS NULL" });
        indexes["ix_articles_search"].Method.Should().Be("gin");
        indexes["ix_articles_search"].Columns.Should().BeEmpty();
        indexes["ix_articles_search"].Expressions.Should().ContainSingle().Which.Should().Be("to_tsvector('english'::regconfig, (title || ' '::text) || body)");
        indexes["ix_articles_lower_author"].Method.Should().BeNull("btree is the default method");
        indexes["ix_articles_lower_author"].Expressions.Should().Equal("lower(author::text)");
    }

    [Test]
    public async Task CreateIndexConcurrently_OutsideTransaction_BuildsValidIndexAndDropsItConcurrently()
    {
        await _harness.ExecuteAsync(Ops(m => m.CreateTable("events", t =>
        {
            t.Column("id").AsInt64().PrimaryKey();
            t.Column("kind").AsString(20);
        }))[0]);

        var create = Ops(m => m.CreateIndex("events", "kind").Concurrently())[0];
        await _harness.RoundTripAsync([create], [new DropIndexOperation(new("events"), "ix_events_kind") { Concurrently = true }]);

        _harness.Executed.Should().Contain("CREATE INDEX CONCURRENTLY \"ix_events_kind\" ON \"events\" (\"kind\")")
            .And.Contain("DROP INDEX CONCURRENTLY \"ix_events_kind\"");
        (await _database.ScalarAsync<bool>("SELECT indisvalid FROM pg_index WHERE indexrelid = 'ix_events_kind'::regclass")).Should().BeTrue();
    }

    [Test]
    public async Task NotValidConstraints_ExistingBadRows_AreAddedThenValidatedAfterCleanup()
    {
        foreach (var operation in Ops(m =>
        {
            m.CreateTable("customers", t => t.Column("id").AsInt64().PrimaryKey());
            m.CreateTable("orders", t =>
            {
                t.Column("id").AsInt64().PrimaryKey();
                t.Column("customer_id").AsInt64();
                t.Column("amount").AsInt32();
            });
        }))
        {
            await _harness.ExecuteAsync(operation);
        }

        await _database.ExecuteAsync("INSERT INTO customers VALUES (1); INSERT INTO orders VALUES (1, 1, 5), (2, 99, -1)");

        await _harness.RoundTripAsync(
            Ops(m =>
            {
                m.AddCheckConstraint("orders", "positive_amount", "amount > 0", notValid: true);
                m.AddForeignKey("orders", ["customer_id"], "customers", ["id"], notValid: true);
            }),
            structureOnly: true);
        _harness.Executed.Should().Contain(s => s.EndsWith(" NOT VALID", StringComparison.Ordinal) && s.Contains("CHECK (amount > 0)", StringComparison.Ordinal));
        (await _database.ColumnAsync("SELECT conname || '=' || convalidated FROM pg_constraint WHERE conrelid = 'orders'::regclass AND contype IN ('c', 'f') ORDER BY conname"))
            .Should().Equal("ck_orders_positive_amount=false", "fk_orders_customer_id_customers=false");

        var validate = () => _harness.ExecuteAsync(new ValidateConstraintOperation(new("orders"), "ck_orders_positive_amount"));
        (await validate.Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be(PostgresErrorCodes.CheckViolation);

        await _database.ExecuteAsync("DELETE FROM orders WHERE id = 2");
        await _harness.ApplyAndCheckAsync(new ValidateConstraintOperation(new("orders"), "ck_orders_positive_amount"));
        await _harness.ApplyAndCheckAsync(new ValidateConstraintOperation(new("orders"), "fk_orders_customer_id_customers"));

        (await _database.ColumnAsync("SELECT conname || '=' || convalidated FROM pg_constraint WHERE conrelid = 'orders'::regclass AND contype IN ('c', 'f') ORDER BY conname"))
            .Should().Equal("ck_orders_positive_amount=true", "fk_orders_customer_id_customers=true");
    }

    [Test]
    public async Task SchemaOperations_TableInOtherSchema_IsReportedWithItsSchemaAndIndexDropIsQualified()
    {
        var up = Ops(m =>
        {
            m.CreateSchema("reporting");
            var reporting = m.InSchema("reporting");
            reporting.CreateTable("daily", t =>
            {
                t.Column("day").AsDate().PrimaryKey();
                t.Column("total").AsDecimal(14, 2);
            });
            reporting.CreateIndex("daily", "total");
            m.CreateTable("notes", t =>
            {
                t.Column("id").AsInt64().PrimaryKey();
                t.Column("day").AsDate().References("daily", "day", schema: "reporting");
            });
        });

        var schema = await _harness.RoundTripAsync(up);

        schema.FindTable(new("daily", "reporting"))!.Indexes.Select(i => i.Name).Should().Equal("ix_daily_total");
        schema.FindTable(new("notes"))!.ForeignKeys.Single().PrincipalTable.Should().Be(new QualifiedName("daily", "reporting"));
        _harness.Executed.Should().Contain("DROP INDEX \"reporting\".\"ix_daily_total\"");
        (await _database.ScalarAsync<long>("SELECT count(*) FROM pg_namespace WHERE nspname = 'reporting'")).Should().Be(1);
    }

    [Test]
    public async Task DataOperations_InsertUpdateDelete_StoreEveryLiteralKind()
    {
        await _harness.ExecuteAsync(Ops(m => m.CreateTable("samples", t =>
        {
            t.Column("id").AsInt32().PrimaryKey();
            t.Column("flag").AsBoolean().Nullable();
            t.Column("token").AsGuid().Nullable();
            t.Column("day").AsDate().Nullable();
            t.Column("at").AsDateTime().Nullable();
            t.Column("at_offset").AsDateTimeOffset().Nullable();
            t.Column("amount").AsDecimal(10, 3).Nullable();
            t.Column("ratio").AsDouble().Nullable();
            t.Column("bytes").AsBinary().Nullable();
            t.Column("text").AsText().Nullable();
        }))[0]);
        var token = Guid.NewGuid();
        var insert = Ops(m => m.InsertData(
            "samples",
            ["id", "flag", "token", "day", "at", "at_offset", "amount", "ratio", "bytes", "text"],
            [1, true, token, new DateOnly(2026, 11, 22), new DateTime(2026, 11, 22, 9, 30, 15, 250), new DateTimeOffset(2026, 11, 22, 9, 30, 0, TimeSpan.FromHours(2)), 12.345m, 0.1, new byte[] { 0, 255 }, "O'Brien"],
            [2, null, null, null, null, null, null, null, null, null]))[0];

        // Data operations leave the schema as the replay predicts: unchanged.
        await _harness.ApplyAndCheckAsync(insert);
        await _harness.ApplyAndCheckAsync(Ops(m => m.UpdateData("samples", "id", 2, "text", "updated"))[0]);

        await using (var command = _database.DataSource.CreateCommand("SELECT flag, token, day, at, at_offset, amount, ratio, bytes, text FROM samples WHERE id = 1"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            (await reader.ReadAsync()).Should().BeTrue();
            reader.GetBoolean(0).Should().BeTrue();
            reader.GetGuid(1).Should().Be(token);
            reader.GetFieldValue<DateOnly>(2).Should().Be(new DateOnly(2026, 11, 22));
            reader.GetDateTime(3).Should().Be(new DateTime(2026, 11, 22, 9, 30, 15, 250));
            reader.GetFieldValue<DateTimeOffset>(4).Should().Be(new DateTimeOffset(2026, 11, 22, 7, 30, 0, TimeSpan.Zero));
            reader.GetDecimal(5).Should().Be(12.345m);
            reader.GetDouble(6).Should().Be(0.1);
            reader.GetFieldValue<byte[]>(7).Should().Equal(0, 255);
            reader.GetString(8).Should().Be("O'Brien");
        }

        (await _database.ColumnAsync("SELECT text FROM samples WHERE id = 2")).Should().Equal("updated");
        // The inverse deletes rows equal to the inserted ones in every column: every literal must compare equal to what
        // was stored. Row 2 was updated since, so it stays.
        await _harness.ApplyAndCheckAsync(insert.Invert()!);
        (await _database.ColumnAsync("SELECT id FROM samples")).Should().Equal("2");
    }

    [Test]
    public async Task Reader_ViewsAndTriggers_AreReadWithTheirDefinitions()
    {
        await _harness.ExecuteAsync(Ops(m => m.CreateTable("audited", t =>
        {
            t.Column("id").AsInt64().PrimaryKey();
            t.Column("updated_at").AsDateTimeOffset().Nullable();
        }))[0]);
        await _harness.ExecuteAsync("CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$");
        await _harness.ExecuteAsync("CREATE TRIGGER audited_touch BEFORE UPDATE ON audited FOR EACH ROW EXECUTE FUNCTION touch()");
        await _harness.ExecuteAsync("CREATE VIEW recent AS SELECT id FROM audited WHERE updated_at > now() - interval '1 day'");

        var schema = await _harness.ReadAsync();

        schema.FindTable(new("audited"))!.Triggers.Should().ContainSingle()
            .Which.Should().BeEquivalentTo(new TriggerSchema("audited_touch", "CREATE TRIGGER audited_touch BEFORE UPDATE ON audited FOR EACH ROW EXECUTE FUNCTION touch()"));
        var view = schema.Views.Should().ContainSingle().Subject;
        view.Name.Should().Be(new QualifiedName("recent"));
        view.Definition.Should().StartWith("CREATE VIEW \"recent\" AS").And.Contain("FROM audited");
        schema.Tables.Select(t => t.Name.Name).Should().Equal("audited");
    }

    [Test]
    public async Task Reader_ObjectsOfAnExtension_AreLeftOut()
    {
        await _harness.ExecuteAsync("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        await _harness.ExecuteAsync(Ops(m => m.CreateTable("mine", t => t.Column("id").AsInt64().PrimaryKey()))[0]);

        var schema = await _harness.ReadAsync();

        (await _database.ScalarAsync<long>("SELECT count(*) FROM pg_views WHERE viewname = 'pg_stat_statements'")).Should().Be(1);
        schema.Views.Should().BeEmpty("the extension's views belong to it, not to the migrations");
        schema.Tables.Select(t => t.Name.Name).Should().Equal("mine");
    }

    [Test]
    public async Task TableExists_InCurrentAndNamedSchema_AnswersFromOneQuery()
    {
        await _harness.ExecuteAsync(new CreateSchemaOperation("other"));
        await _harness.ExecuteAsync(Ops(m => m.InSchema("other").CreateTable("elsewhere", t => t.Column("id").AsInt32().PrimaryKey()))[0]);
        await _harness.ExecuteAsync(Ops(m => m.CreateTable("here", t => t.Column("id").AsInt32().PrimaryKey()))[0]);
        var reader = _harness.Provider.SchemaReader;

        (await reader.TableExistsAsync(_harness.Session, new("here"))).Should().BeTrue();
        (await reader.TableExistsAsync(_harness.Session, new("here", "public"))).Should().BeTrue();
        (await reader.TableExistsAsync(_harness.Session, new("elsewhere"))).Should().BeFalse("it is not in the current schema");
        (await reader.TableExistsAsync(_harness.Session, new("elsewhere", "other"))).Should().BeTrue();
        (await reader.TableExistsAsync(_harness.Session, new("missing"))).Should().BeFalse();
    }

    /// <summary>
    /// The command's <c>RewritesTable</c> matches what the server does: the table's file (<c>relfilenode</c>) is replaced
    /// by a rewrite and kept otherwise. varchar(20) to text and to varchar(40) keep it; integer to bigint replaces it.
    /// </summary>
    /// <param name="column">The column changed.</param>
    /// <param name="to">The new type, as the builder writes it.</param>
    /// <param name="rewrites">Whether the server rewrites the table.</param>
    /// <returns>A task that completes when the check is done.</returns>
    [TestCase("code", "text", false)]
    [TestCase("code", "varchar40", false)]
    [TestCase("n", "bigint", true)]
    public async Task AlterColumnType_RewritesTableFlag_MatchesTheServer(string column, string to, bool rewrites)
    {
        await _harness.ExecuteAsync("CREATE TABLE \"t\" (\"id\" bigint PRIMARY KEY, \"code\" character varying(20) NULL, \"n\" integer NULL)");
        await _harness.ExecuteAsync("INSERT INTO \"t\" SELECT i, 'c' || i, i FROM generate_series(1, 100) AS i");
        var operation = Ops(m => m.AlterColumn("t", column, c => (to switch
        {
            "text" => c.AsText(),
            "varchar40" => c.AsString(40),
            _ => c.AsInt64(),
        }).Nullable()))[0];
        var commands = await _harness.Generator.GenerateCommandsAsync(operation, _harness);
        var before = await _database.ScalarAsync<uint>("SELECT relfilenode FROM pg_class WHERE oid = '\"t\"'::regclass");

        await _harness.ExecuteAsync(operation);

        var after = await _database.ScalarAsync<uint>("SELECT relfilenode FROM pg_class WHERE oid = '\"t\"'::regclass");
        commands.Any(c => c.RewritesTable).Should().Be(rewrites);
        (after != before).Should().Be(rewrites, "the server rewrote the table exactly when the command says so");
    }
}
