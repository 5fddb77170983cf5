namespace MigrationKit.Risk;

/// <summary>A protection for a step: one the runner applies by itself, or one the author should add.</summary>
/// <param name="Name">A short name (<c>checkpoint first</c>, <c>lock_timeout 10s</c>, <c>CONCURRENTLY</c>).</param>
/// <param name="AppliedByRunner">Whether the runner already applies it as configured; otherwise it is advice.</param>
public sealed record Safeguard(string Name, bool AppliedByRunner)
{
    /// <summary>The safeguard as shown in reports: its name, marked when the runner applies it.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => AppliedByRunner ? Name + " (applied)" : Name + " (advised)";
}
