namespace MigrationKit.Hosting;

/// <summary>One target's startup migration progress, written by the startup service and read by the health check.</summary>
internal sealed class MigrationStartupState
{
    private readonly Lock _gate = new();
    private MigrationStartupPhase _phase = MigrationStartupPhase.NotStarted;
    private Exception? _error;

    /// <summary>The phase and, when it failed, why.</summary>
    public (MigrationStartupPhase Phase, Exception? Error) Current
    {
        get
        {
            lock (_gate)
            {
                return (_phase, _error);
            }
        }
    }

    public void Set(MigrationStartupPhase phase, Exception? error = null)
    {
        lock (_gate)
        {
            _phase = phase;
            _error = error;
        }
    }
}
