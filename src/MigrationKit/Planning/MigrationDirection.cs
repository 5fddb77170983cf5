namespace MigrationKit;

/// <summary>Which way a migration step goes.</summary>
public enum MigrationDirection
{
    /// <summary>Apply (Up).</summary>
    Up,

    /// <summary>Revert (Down).</summary>
    Down,
}
