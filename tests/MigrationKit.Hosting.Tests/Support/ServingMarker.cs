using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MigrationKit.Hosting.Tests;

/// <summary>
/// Stands for the application's own services (a web server, a worker): records whether it was started and, when it was,
/// how many migrations were still pending at that moment, read through the target's runner.
/// </summary>
public sealed class ServingMarker(IServiceProvider services) : IHostedService
{
    private readonly TaskCompletionSource<int> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Started => _started.Task.IsCompleted;

    /// <summary>The pending migrations seen when the service started.</summary>
    public Task<int> PendingWhenStarted => _started.Task;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var status = await services.GetRequiredService<IMigrationRunner>().GetStatusAsync(cancellationToken);
        _started.TrySetResult(status.Pending.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
