using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using MigrationKit.Checkpoints;
using MigrationKit.Rollback;
using MigrationKit.Tests.Support;

namespace MigrationKit.Tests.DependencyInjection;

/// <summary>The rollback manager in the container (default and named targets) and from the builder.</summary>
public class RollbackManagerRegistrationTests
{
    private const string Orders = "MigrationKit.Tests.DependencyInjection.Targets.Orders";
    private const string Billing = "MigrationKit.Tests.DependencyInjection.Targets.Billing";

    private static readonly Assembly Assembly = typeof(RollbackManagerRegistrationTests).Assembly;

    [Test]
    public async Task AddMigrationKit_RegistersTheRunnersRollbackManagerOnce()
    {
        var services = new ServiceCollection();

        services.AddMigrationKit(kit => kit.UseProvider(_ => new TestMigrationProvider()).AddMigrationsFrom(Assembly, Orders));
        services.AddMigrationKit(kit => kit.AddMigrationsFrom(Assembly, Orders));

        services.Count(d => d.ServiceType == typeof(IRollbackManager)).Should().Be(1);
        await using var container = services.BuildServiceProvider();
        container.GetRequiredService<IRollbackManager>().Should().BeSameAs(container.GetRequiredService<IMigrationRunner>().RollbackManager);
    }

    [Test]
    public async Task AddMigrationKit_NamedTargets_EachHasItsOwnManager()
    {
        var services = new ServiceCollection();

        services.AddMigrationKit("orders", kit => kit.UseProvider(_ => new TestMigrationProvider()).AddMigrationsFrom(Assembly, Orders));
        services.AddMigrationKit("billing", kit => kit.UseProvider(_ => new TestMigrationProvider()).AddMigrationsFrom(Assembly, Billing));

        await using var container = services.BuildServiceProvider();
        var orders = container.GetRequiredKeyedService<IRollbackManager>("orders");
        var billing = container.GetRequiredKeyedService<IRollbackManager>("billing");
        orders.Should().NotBeSameAs(billing);
        orders.Should().BeSameAs(container.GetRequiredKeyedService<IMigrationRunner>("orders").RollbackManager);
        container.GetService<IRollbackManager>().Should().BeNull("only named targets were registered");
    }

    [Test]
    public async Task Builder_RunnerExposesRollbackManager_CheckpointsNeedDirectory()
    {
        await using var runner = new MigrationRunnerBuilder().UseProvider(new TestMigrationProvider()).AddMigrationsFrom(Assembly, Orders).Build();

        runner.RollbackManager.Should().BeSameAs(runner.RollbackManager);
        (await runner.RollbackManager.Invoking(m => m.ListCheckpointsAsync()).Should().ThrowAsync<InvalidOperationException>())
            .Which.Message.Should().Contain("Checkpoints.Directory");
    }

    [Test]
    public async Task Builder_ProviderWithoutBackup_CheckpointsRefusedWithRemedy()
    {
        await using var runner = new MigrationRunnerBuilder().UseProvider(new TestMigrationProvider()).AddMigrationsFrom(Assembly, Orders)
            .Configure(o => o.Checkpoints.Directory = Path.GetTempPath())
            .Build();

        (await runner.RollbackManager.Invoking(m => m.ListCheckpointsAsync()).Should().ThrowAsync<CheckpointException>())
            .Which.Message.Should().Contain("cannot take checkpoints").And.Contain("test database");
    }

    [Test]
    public void Build_PolicyWithoutDirectory_ListsTheProblem()
    {
        var builder = new MigrationRunnerBuilder().UseProvider(new TestMigrationProvider()).AddMigrationsFrom(Assembly, Orders)
            .Configure(o => o.Checkpoints.Policy = CheckpointPolicy.BeforeRiskyMigrations);

        builder.Invoking(b => b.Build()).Should().Throw<InvalidOperationException>().Which.Message.Should().Contain("Checkpoints.Directory");
    }
}
