namespace MigrationKit.Data.Preview;

/// <summary>How risky a data move looks before it runs.</summary>
public enum DataMoveRisk
{
    /// <summary>Nothing found that could go wrong.</summary>
    Low,

    /// <summary>The move will work but deserves a look (a long move, rows already in the target table, a rowid key).</summary>
    Medium,

    /// <summary>The move would stop: rows of the sample cannot be converted, or the target refuses them.</summary>
    High,
}
