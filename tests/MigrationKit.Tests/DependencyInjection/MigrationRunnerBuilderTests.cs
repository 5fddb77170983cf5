using System.Reflection;
using MigrationKit.Tests.Support;

namespace MigrationKit.Tests.DependencyInjection;

public class MigrationRunnerBuilderTests
{
    private const string Orders = "MigrationKit.Tests.DependencyInjection.Targets.Orders";

    private static readonly Assembly Assembly = typeof(MigrationRunnerBuilderTests).Assembly;

    [Test]
    public void Build_NothingConfigured_ThrowsOneExceptionListingBothProblems()
    {
        var act = () => new MigrationRunnerBuilder().Build();

        act.Should().Throw<InvalidOperationException>().WithMessage(
            "The migration runner cannot be built:\n" +
            "  - no database provider: call UseSqlite(...), UsePostgreSql(...) or UseProvider(...)\n" +
            "  - no migrations: call AddMigrationsFrom(assembly), AddMigrations(types) or AddSqlMigrationsFrom(directory)");
    }

    [Test]
    public void Build_OnlyProviderMissing_ListsOnlyThat()
    {
        var act = () => new MigrationRunnerBuilder().AddMigrationsFrom(Assembly, Orders).Build();

        act.Should().Throw<InvalidOperationException>().WithMessage("The migration runner cannot be built:\n  - no database provider: *")
            .Which.Message.Should().NotContain("no migrations");
    }

    [Test]
    public void Build_OnlyMigrationsMissing_ListsOnlyThat()
    {
        var act = () => new MigrationRunnerBuilder().UseProvider(new TestMigrationProvider()).Build();

        act.Should().Throw<InvalidOperationException>().WithMessage("The migration runner cannot be built:\n  - no migrations: *")
            .Which.Message.Should().NotContain("no database provider");
    }

    [Test]
    public void Build_AppliedByBlank_ListsItWithTheOthers()
    {
        var act = () => new MigrationRunnerBuilder().Configure(o => o.AppliedBy = " ").Build();

        act.Should().Throw<InvalidOperationException>()
            .Which.Message.Should().Contain("no database provider").And.Contain("no migrations").And.Contain("Options.AppliedBy is empty: set it to who runs the migrations");
    }

    [Test]
    public async Task Build_Configured_RunnerListsMigrationsByVersion()
    {
        await using var runner = new MigrationRunnerBuilder().UseProvider(new TestMigrationProvider()).AddMigrationsFrom(Assembly, Orders).Build();

        runner.Migrations.Select(m => (m.Version, m.Name)).Should().Equal((100, "CreateOrders"), (101, "AddOrderNotes"));
    }

    [Test]
    public async Task Build_MigrationTypes_RunnerListsThem()
    {
        await using var runner = new MigrationRunnerBuilder()
            .UseProvider(new TestMigrationProvider())
            .AddMigrations(typeof(Targets.Orders.AddOrderNotes), typeof(Targets.Billing.CreateInvoices))
            .Build();

        runner.Migrations.Select(m => m.Version).Should().Equal(101, 200);
    }

    [Test]
    public void Build_DuplicateVersions_ThrowsDuplicateMigrationVersionException()
    {
        var act = () => new MigrationRunnerBuilder()
            .UseProvider(new TestMigrationProvider())
            .AddMigrationsFrom(Assembly, "MigrationKit.Tests.Migrations.Discovery.Duplicates")
            .Build();

        act.Should().Throw<DuplicateMigrationVersionException>().Which.Duplicates.Keys.Should().BeEquivalentTo([5L, 9L]);
    }

    [Test]
    public void Build_MigrationWithoutAttribute_ThrowsInvalidMigrationException()
    {
        var act = () => new MigrationRunnerBuilder()
            .UseProvider(new TestMigrationProvider())
            .AddMigrationsFrom(Assembly, "MigrationKit.Tests.Migrations.Discovery.MissingAttribute")
            .Build();

        act.Should().Throw<InvalidMigrationException>().Which.MigrationName.Should().Be("Unmarked");
    }

    [Test]
    public async Task DisposeAsync_RunnerFromBuilder_DisposesItsProvider()
    {
        var provider = new TestMigrationProvider();
        var runner = new MigrationRunnerBuilder().UseProvider(provider).AddMigrationsFrom(Assembly, Orders).Build();

        await runner.DisposeAsync();

        provider.DisposeCount.Should().Be(1);
    }

    [Test]
    public void Configure_Action_ChangesOptions()
    {
        var builder = new MigrationRunnerBuilder();

        builder.Configure(o => o.IgnoreMissingMigrations = true).Should().BeSameAs(builder);

        builder.Options.IgnoreMissingMigrations.Should().BeTrue();
    }

    [Test]
    public void AddMigrationsFrom_Namespace_RecordedAsSource()
    {
        var builder = new MigrationRunnerBuilder();

        builder.AddMigrationsFrom(Assembly, Orders);

        builder.Options.Sources.Should().Equal(new MigrationSource(Assembly, Orders));
    }

    [Test]
    public void UseProvider_Null_Throws()
    {
        var act = () => new MigrationRunnerBuilder().UseProvider(null!);

        act.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("provider");
    }

    [Test]
    public void AddMigrationsFrom_SameSourceTwice_KeptOnceAsWithAddMigrationKit()
    {
        var builder = new MigrationRunnerBuilder();

        builder.AddMigrationsFrom(Assembly, Orders).AddMigrationsFrom(Assembly, Orders);
        builder.AddMigrations(typeof(MigrationRunnerBuilderTests), typeof(MigrationRunnerBuilderTests));

        builder.Options.Sources.Should().Equal(new MigrationSource(Assembly, Orders));
        builder.Options.MigrationTypes.Should().Equal(typeof(MigrationRunnerBuilderTests));
    }
}
