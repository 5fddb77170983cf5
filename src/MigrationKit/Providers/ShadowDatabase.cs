namespace MigrationKit.Providers;

/// <summary>
/// An empty scratch database of the same engine as a target, made by <see cref="MigrationProvider.CreateShadowAsync"/>:
/// drift detection replays the applied migrations into it, so that what they create reads back exactly as the server
/// prints it. Disposing it disposes its provider and deletes the database.
/// </summary>
public sealed class ShadowDatabase : IAsyncDisposable
{
    private readonly Func<ValueTask>? _drop;
    private bool _disposed;

    /// <summary>Wraps a provider over a scratch database.</summary>
    /// <param name="provider">The provider over the scratch database; disposed with the shadow.</param>
    /// <param name="drop">Deletes the scratch database once its provider is disposed; <see langword="null"/> when disposing the provider is enough (an in-memory database).</param>
    public ShadowDatabase(MigrationProvider provider, Func<ValueTask>? drop = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        Provider = provider;
        _drop = drop;
    }

    /// <summary>The provider over the scratch database.</summary>
    public MigrationProvider Provider { get; }

    /// <summary>Disposes the provider, then deletes the scratch database.</summary>
    /// <returns>A task that completes when the database is gone.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await ProviderDisposal.DisposeAsync(Provider).ConfigureAwait(false);

        if (_drop is not null)
        {
            await _drop().ConfigureAwait(false);
        }
    }
}
