namespace MigrationKit.Operations;

/// <summary>What a foreign key does when the referenced row is deleted or its key updated.</summary>
public enum ReferentialAction
{
    /// <summary>Reject the change (the SQL default).</summary>
    NoAction,

    /// <summary>Reject the change immediately.</summary>
    Restrict,

    /// <summary>Apply the change to the referencing rows too.</summary>
    Cascade,

    /// <summary>Set the referencing columns to null.</summary>
    SetNull,

    /// <summary>Set the referencing columns to their defaults.</summary>
    SetDefault,
}
