namespace MigrationKit.Data.Moves;

/// <summary>How a run of a data move ended.</summary>
public enum DataMoveStatus
{
    /// <summary>Every source row was moved in this run (resuming an earlier one, perhaps).</summary>
    Completed,

    /// <summary>A previous run had completed the move; nothing was done.</summary>
    AlreadyCompleted,
}
