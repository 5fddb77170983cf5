namespace MigrationKit.Providers;

/// <summary>Disposes a provider that owns resources, whichever disposal pattern it implements.</summary>
internal static class ProviderDisposal
{
    public static async ValueTask DisposeAsync(MigrationProvider provider)
    {
        switch (provider)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }
}
