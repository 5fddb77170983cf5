namespace MigrationKit.Sqlite.Tests.Support;

internal static class Runners
{
    public static IMigrationRunner Create(string connectionString, string migrationsNamespace, Action<MigrationKitOptions>? configure = null, TimeProvider? time = null) =>
        Create(connectionString, typeof(Runners).Assembly, migrationsNamespace, configure, time);

    public static IMigrationRunner Create(string connectionString, System.Reflection.Assembly assembly, string migrationsNamespace, Action<MigrationKitOptions>? configure = null, TimeProvider? time = null)
    {
        var builder = new MigrationRunnerBuilder()
            .UseSqlite(connectionString)
            .AddMigrationsFrom(assembly, migrationsNamespace)
            .Configure(o => configure?.Invoke(o));
        if (time is not null)
        {
            builder.UseTimeProvider(time);
        }

        return builder.Build();
    }

    public static IMigrationRunner InMemory(string migrationsNamespace, Action<MigrationKitOptions>? configure = null) =>
        Create("Data Source=:memory:", migrationsNamespace, configure);
}
