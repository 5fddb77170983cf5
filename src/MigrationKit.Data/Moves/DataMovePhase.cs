namespace MigrationKit.Data.Moves;

/// <summary>What a data move is doing.</summary>
public enum DataMovePhase
{
    /// <summary>Checking the description against the databases and reading the progress.</summary>
    Preparing,

    /// <summary>Moving rows.</summary>
    Moving,

    /// <summary>Comparing source and target.</summary>
    Validating,

    /// <summary>Done.</summary>
    Completed,
}
