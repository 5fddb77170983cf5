namespace MigrationKit.Planning;

/// <summary>How a <see cref="MigrationTarget"/> names where a run goes.</summary>
internal enum MigrationTargetKind
{
    /// <summary>Up to a version, or the latest.</summary>
    Up,

    /// <summary>Down to a version (0 reverts everything).</summary>
    DownTo,

    /// <summary>A number of applied migrations back, newest first.</summary>
    StepsBack,
}
