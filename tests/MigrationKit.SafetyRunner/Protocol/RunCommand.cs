namespace MigrationKit.SafetyRunner.Protocol;

/// <summary>One line on the runner's stdin: migrate a database up with one of the runner's migration sets.</summary>
/// <param name="Provider"><c>sqlite</c> or <c>postgresql</c>.</param>
/// <param name="ConnectionString">The target.</param>
/// <param name="Set">The migrations' namespace under <c>MigrationKit.SafetyRunner.Migrations</c> (<c>Many</c>, <c>Slow</c>, <c>NoTransaction</c>).</param>
/// <param name="AppliedBy">Recorded in the history and journal.</param>
public sealed record RunCommand(string Provider, string ConnectionString, string Set, string AppliedBy)
{
    /// <summary>PostgreSQL lock mode (<c>Session</c> or <c>Transaction</c>); <see langword="null"/> for the default.</summary>
    public string? LockMode { get; init; }

    /// <summary>PostgreSQL <c>LockWaitTimeout</c> in milliseconds; <see langword="null"/> for the default.</summary>
    public int? LockWaitMilliseconds { get; init; }

    /// <summary>Where the run stops and waits for the test; <see langword="null"/> to run straight through.</summary>
    public GatePoint? Gate { get; init; }
}
