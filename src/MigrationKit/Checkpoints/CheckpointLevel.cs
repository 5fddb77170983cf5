namespace MigrationKit.Checkpoints;

/// <summary>What a checkpoint keeps.</summary>
public enum CheckpointLevel
{
    /// <summary>Every table with every row: a full backup of the managed database or schema.</summary>
    Full,

    /// <summary>
    /// The schema (tables, indexes, constraints, views, triggers) without the rows of user tables. The history and
    /// journal tables keep their rows, so that the status after a restore is right.
    /// </summary>
    Schema,
}
