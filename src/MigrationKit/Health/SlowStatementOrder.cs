namespace MigrationKit.Health;

/// <summary>How <see cref="DatabaseHealth.SlowStatements"/> ranks the statements <c>pg_stat_statements</c> recorded.</summary>
public enum SlowStatementOrder
{
    /// <summary>By total execution time over every call: what costs the server the most.</summary>
    TotalTime,

    /// <summary>By mean execution time per call: the slowest single statements.</summary>
    MeanTime,
}
