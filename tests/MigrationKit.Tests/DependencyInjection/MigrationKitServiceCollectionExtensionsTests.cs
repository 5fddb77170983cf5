using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using MigrationKit.Providers;
using MigrationKit.Tests.Support;

namespace MigrationKit.Tests.DependencyInjection;

public class MigrationKitServiceCollectionExtensionsTests
{
    private const string Orders = "MigrationKit.Tests.DependencyInjection.Targets.Orders";
    private const string Billing = "MigrationKit.Tests.DependencyInjection.Targets.Billing";

    private static readonly Assembly Assembly = typeof(MigrationKitServiceCollectionExtensionsTests).Assembly;

    [Test]
    public async Task AddMigrationKit_CalledTwice_RegistersOneRunner()
    {
        var services = new ServiceCollection();
        var provider = new TestMigrationProvider();

        services.AddMigrationKit(kit => kit.UseProvider(_ => provider).AddMigrationsFrom(Assembly, Orders));
        services.AddMigrationKit(kit => kit.UseProvider(_ => provider).AddMigrationsFrom(Assembly, Orders));

        services.Count(d => d.ServiceType == typeof(IMigrationRunner)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(MigrationKitOptions)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(MigrationProvider)).Should().Be(1);
        await using var container = services.BuildServiceProvider();
        container.GetServices<IMigrationRunner>().Should().ContainSingle().Which.Migrations.Select(m => m.Version).Should().Equal(100, 101);
        container.GetRequiredService<MigrationKitOptions>().Sources.Should().Equal(new MigrationSource(Assembly, Orders));
    }

    [Test]
    public async Task AddMigrationKit_SecondCallAddsSource_SameTargetGetsBoth()
    {
        var services = new ServiceCollection();

        services.AddMigrationKit(kit => kit.UseProvider(_ => new TestMigrationProvider()).AddMigrationsFrom(Assembly, Orders));
        services.AddMigrationKit(kit => kit.AddMigrationsFrom(Assembly, Billing));

        await using var container = services.BuildServiceProvider();
        container.GetRequiredService<IMigrationRunner>().Migrations.Select(m => m.Version).Should().Equal(100, 101, 200);
    }

    [Test]
    public async Task AddMigrationKit_RunnerResolvedTwice_IsOneSingleton()
    {
        var services = new ServiceCollection();
        services.AddMigrationKit(kit => kit.UseProvider(_ => new TestMigrationProvider()).AddMigrationsFrom(Assembly, Orders));

        await using var container = services.BuildServiceProvider();

        container.GetRequiredService<IMigrationRunner>().Should().BeSameAs(container.GetRequiredService<IMigrationRunner>());
    }

    [Test]
    public async Task AddMigrationKit_Runner_DescribesMigrationsOfItsSource()
    {
        var services = new ServiceCollection();
        services.AddMigrationKit(kit => kit.UseProvider(_ => new TestMigrationProvider()).AddMigrationsFrom(Assembly, Orders));

        await using var container = services.BuildServiceProvider();

        container.GetRequiredService<IMigrationRunner>().Migrations.Should().Equal(
            new MigrationInfo(100, "create orders", "CreateOrders", MigrationTransactionMode.Transactional),
            new MigrationInfo(101, "add order notes", "AddOrderNotes", MigrationTransactionMode.Transactional));
    }

    [Test]
    public async Task UseProvider_CalledTwice_FirstProviderWins()
    {
        var first = new TestMigrationProvider();
        var second = new TestMigrationProvider();
        var services = new ServiceCollection();

        services.AddMigrationKit(kit => kit.UseProvider(_ => first).UseProvider(_ => second).AddMigrationsFrom(Assembly, Orders));

        await using var container = services.BuildServiceProvider();
        container.GetRequiredService<MigrationProvider>().Should().BeSameAs(first);
    }

    [Test]
    public async Task UseProvider_Factory_ReceivesTheContainer()
    {
        var services = new ServiceCollection();
        var registered = new TestMigrationProvider();
        services.AddSingleton(registered);

        services.AddMigrationKit(kit => kit.UseProvider(sp => sp.GetRequiredService<TestMigrationProvider>()).AddMigrationsFrom(Assembly, Orders));

        await using var container = services.BuildServiceProvider();
        container.GetRequiredService<MigrationProvider>().Should().BeSameAs(registered);
    }

    [Test]
    public async Task AddMigrationKit_NamedTargets_ResolveAsKeyedServicesWithTheirOwnMigrations()
    {
        var services = new ServiceCollection();

        services.AddMigrationKit("orders", kit => kit.UseProvider(_ => new TestMigrationProvider()).AddMigrationsFrom(Assembly, Orders));
        services.AddMigrationKit("billing", kit => kit.UseProvider(_ => new TestMigrationProvider()).AddMigrationsFrom(Assembly, Billing));

        await using var container = services.BuildServiceProvider();
        var orders = container.GetRequiredKeyedService<IMigrationRunner>("orders");
        var billing = container.GetRequiredKeyedService<IMigrationRunner>("billing");
        orders.Should().NotBeSameAs(billing);
        orders.Migrations.Select(m => m.Version).Should().Equal(100, 101);
        billing.Migrations.Select(m => m.Version).Should().Equal(200);
    }

    [Test]
    public async Task AddMigrationKit_NamedTargets_HaveTheirOwnOptionsAndProviders()
    {
        var ordersProvider = new TestMigrationProvider();
        var billingProvider = new TestMigrationProvider();
        var services = new ServiceCollection();

        services.AddMigrationKit("orders", kit => kit.UseProvider(_ => ordersProvider).AddMigrationsFrom(Assembly, Orders).Configure(o => o.AppliedBy = "orders-app"));
        services.AddMigrationKit("billing", kit => kit.UseProvider(_ => billingProvider).AddMigrationsFrom(Assembly, Billing).Configure(o => o.VerifyChecksums = false));

        await using var container = services.BuildServiceProvider();
        var orders = container.GetRequiredKeyedService<MigrationKitOptions>("orders");
        var billing = container.GetRequiredKeyedService<MigrationKitOptions>("billing");
        orders.Should().NotBeSameAs(billing);
        orders.AppliedBy.Should().Be("orders-app");
        orders.VerifyChecksums.Should().BeTrue();
        billing.AppliedBy.Should().NotBe("orders-app");
        billing.VerifyChecksums.Should().BeFalse();
        billing.Sources.Should().Equal(new MigrationSource(Assembly, Billing));
        container.GetRequiredKeyedService<MigrationProvider>("orders").Should().BeSameAs(ordersProvider);
        container.GetRequiredKeyedService<MigrationProvider>("billing").Should().BeSameAs(billingProvider);
    }

    [Test]
    public async Task AddMigrationKit_OnlyNamedTargets_NoDefaultRunner()
    {
        var services = new ServiceCollection();
        services.AddMigrationKit("orders", kit => kit.UseProvider(_ => new TestMigrationProvider()).AddMigrationsFrom(Assembly, Orders));

        await using var container = services.BuildServiceProvider();

        container.GetService<IMigrationRunner>().Should().BeNull();
    }

    [Test]
    public async Task AddMigrationKit_NamedTargetCalledTwice_RegistersOneKeyedRunner()
    {
        var services = new ServiceCollection();

        services.AddMigrationKit("orders", kit => kit.UseProvider(_ => new TestMigrationProvider()).AddMigrationsFrom(Assembly, Orders));
        services.AddMigrationKit("orders", kit => kit.AddMigrationsFrom(Assembly, Orders));

        services.Count(d => d.ServiceType == typeof(IMigrationRunner) && Equals(d.ServiceKey, "orders")).Should().Be(1);
        await using var container = services.BuildServiceProvider();
        container.GetRequiredKeyedService<MigrationKitOptions>("orders").Sources.Should().ContainSingle();
    }

    [Test]
    public async Task AddMigrationKit_DefaultTargetWithoutProvider_ResolvingRunnerThrowsNamingTarget()
    {
        var services = new ServiceCollection();
        services.AddMigrationKit(kit => kit.AddMigrationsFrom(Assembly, Orders));
        await using var container = services.BuildServiceProvider();

        var act = () => container.GetRequiredService<IMigrationRunner>();

        act.Should().Throw<InvalidOperationException>()
            .WithMessage("MigrationKit target 'default' has no database provider. Call UseSqlite(...) or UsePostgreSql(...) inside AddMigrationKit.");
    }

    [Test]
    public async Task AddMigrationKit_NamedTargetWithoutProvider_ResolvingRunnerThrowsNamingTarget()
    {
        var services = new ServiceCollection();
        services.AddMigrationKit("orders", kit => kit.UseProvider(_ => new TestMigrationProvider()).AddMigrationsFrom(Assembly, Orders));
        services.AddMigrationKit("billing", kit => kit.AddMigrationsFrom(Assembly, Billing));
        await using var container = services.BuildServiceProvider();

        var act = () => container.GetRequiredKeyedService<IMigrationRunner>("billing");

        act.Should().Throw<InvalidOperationException>().WithMessage("MigrationKit target 'billing' has no database provider.*");
        container.GetRequiredKeyedService<IMigrationRunner>("orders").Migrations.Should().HaveCount(2);
    }

    [Test]
    public void AddMigrationKit_Builder_ExposesServicesAndName()
    {
        var services = new ServiceCollection();
        IMigrationKitBuilder? seen = null;

        var returned = services.AddMigrationKit("orders", kit => seen = kit);

        returned.Services.Should().BeSameAs(services);
        returned.Name.Should().Be("orders");
        seen!.Name.Should().Be("orders");
        services.AddMigrationKit(_ => { }).Name.Should().BeNull();
    }

    [TestCase("")]
    [TestCase("  ")]
    public void AddMigrationKit_BlankName_Throws(string name)
    {
        var act = () => new ServiceCollection().AddMigrationKit(name, _ => { });

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("name");
    }

    [Test]
    public void AddMigrationsFrom_BuilderNotFromAddMigrationKit_ThrowsSayingSo()
    {
        var act = () => new ForeignBuilder(new ServiceCollection()).AddMigrationsFrom(Assembly, Orders);

        act.Should().Throw<InvalidOperationException>().WithMessage("This builder's target was not registered with AddMigrationKit.");
    }

    [Test]
    public void AddMigrations_SameTypeTwice_KeptOnce()
    {
        var services = new ServiceCollection();

        services.AddMigrationKit(kit => kit.AddMigrations(typeof(Targets.Orders.CreateOrders), typeof(Targets.Orders.CreateOrders)).AddMigrations(typeof(Targets.Orders.CreateOrders)));

        MigrationKitServiceCollectionExtensions.FindOptions(services, name: null)!.MigrationTypes.Should().Equal(typeof(Targets.Orders.CreateOrders));
    }

    [Test]
    public async Task AddMigrationKit_ContainerDisposed_DisposesProviderOnce()
    {
        var provider = new TestMigrationProvider();
        var services = new ServiceCollection();
        services.AddMigrationKit(kit => kit.UseProvider(_ => provider).AddMigrationsFrom(Assembly, Orders));
        var container = services.BuildServiceProvider();
        _ = container.GetRequiredService<IMigrationRunner>();

        await container.DisposeAsync();

        provider.DisposeCount.Should().Be(1);
    }

    private sealed class ForeignBuilder(IServiceCollection services) : IMigrationKitBuilder
    {
        public IServiceCollection Services { get; } = services;

        public string? Name => null;
    }

    [Test]
    public async Task AddMigrationKit_InvalidOptions_ResolvingRunnerThrowsTheBuildersProblems()
    {
        var services = new ServiceCollection();
        services.AddMigrationKit(kit => kit.UseProvider(_ => new TestMigrationProvider()).Configure(o =>
        {
            o.AppliedBy = " ";
            o.Checkpoints.Policy = MigrationKit.Checkpoints.CheckpointPolicy.Always;
        }));
        await using var container = services.BuildServiceProvider();

        var act = () => container.GetRequiredService<IMigrationRunner>();

        act.Should().Throw<InvalidOperationException>().WithMessage(
            "MigrationKit target 'default' cannot be built:\n" +
            "  - no migrations: call AddMigrationsFrom(assembly), AddMigrations(types) or AddSqlMigrationsFrom(directory)\n" +
            "  - Options.AppliedBy is empty: set it to who runs the migrations\n" +
            "  - Options.Checkpoints asks for automatic checkpoints but Options.Checkpoints.Directory is not set: *");
    }
}
