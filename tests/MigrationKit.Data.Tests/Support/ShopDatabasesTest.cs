namespace MigrationKit.Data.Tests.Support;

/// <summary>
/// Tests of a whole-database move of the shop: a fresh source filled with the shop's rows and a fresh target holding
/// the shop's new schema before each test, both dropped after it.
/// </summary>
/// <param name="sourceEngine">The source's engine.</param>
/// <param name="targetEngine">The target's engine.</param>
public abstract class ShopDatabasesTest(Engine sourceEngine, Engine targetEngine)
{
    private protected TestDb Source { get; private set; } = null!;

    private protected TestDb Target { get; private set; } = null!;

    [SetUp]
    public async Task CreateShopDatabasesAsync()
    {
        Source = await TestDb.CreateAsync(sourceEngine);
        Target = await TestDb.CreateAsync(targetEngine);
        await Shop.CreateSourceAsync(Source);
        await Shop.CreateTargetAsync(Target);
    }

    [TearDown]
    public async Task DropShopDatabasesAsync()
    {
        await Source.DisposeAsync();
        await Target.DisposeAsync();
    }
}
