namespace MigrationKit.Risk;

/// <summary>How dangerous a step or a plan is on this database, lowest first.</summary>
public enum RiskLevel
{
    /// <summary>Safe to run at any time: an empty or new table, or a change that is metadata only.</summary>
    Low,

    /// <summary>Noticeable: brief blocking, or a change running clients may feel; run it at a quiet time.</summary>
    Medium,

    /// <summary>Blocks reads or writes for a long time, or destroys data that a checkpoint could bring back.</summary>
    High,

    /// <summary>Will fail on the data as it stands, or destroys data with no way back, or blocks a busy large table.</summary>
    Critical,
}
