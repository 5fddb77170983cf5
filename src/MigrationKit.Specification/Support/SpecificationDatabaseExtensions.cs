using System.Data.Common;
using System.Globalization;
using MigrationKit.Providers;

namespace MigrationKit.Specification.Support;

/// <summary>
/// Raw SQL checks run the way an application would see the data: on a connection of a fresh provider, outside any
/// runner. Derived from <see cref="ISpecificationDatabase.CreateProvider"/>, so targets need not implement them.
/// </summary>
internal static class SpecificationDatabaseExtensions
{
    public static Task<long> ScalarAsync(this ISpecificationDatabase database, string sql) =>
        WithCommandAsync(database, sql, async command => Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture));

    public static Task<string?> TextAsync(this ISpecificationDatabase database, string sql) =>
        WithCommandAsync(database, sql, async command => await command.ExecuteScalarAsync() is { } value and not DBNull ? Convert.ToString(value, CultureInfo.InvariantCulture) : null);

    public static Task ExecuteAsync(this ISpecificationDatabase database, string sql) =>
        WithCommandAsync(database, sql, command => command.ExecuteNonQueryAsync());

    private static async Task<T> WithCommandAsync<T>(ISpecificationDatabase database, string sql, Func<DbCommand, Task<T>> run)
    {
        var provider = database.CreateProvider();
        try
        {
            var connection = await provider.OpenConnectionAsync();
            try
            {
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                return await run(command);
            }
            finally
            {
                await provider.ReleaseConnectionAsync(connection);
            }
        }
        finally
        {
            await DisposeAsync(provider);
        }
    }

    private static async ValueTask DisposeAsync(MigrationProvider provider)
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
