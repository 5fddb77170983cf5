namespace MigrationKit;

/// <summary>Where a migration stands, comparing code and history.</summary>
public enum MigrationState
{
    /// <summary>In code and applied, with a matching checksum.</summary>
    Applied,

    /// <summary>In code, not applied.</summary>
    Pending,

    /// <summary>Applied, but its class is no longer in the code (the database is ahead of the code).</summary>
    Missing,

    /// <summary>Applied, but its operations changed since (checksum differs).</summary>
    Modified,

    /// <summary>Failed part way outside a transaction; must be repaired before anything else runs.</summary>
    Incomplete,
}
