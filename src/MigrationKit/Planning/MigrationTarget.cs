using System.Globalization;

namespace MigrationKit.Planning;

/// <summary>What a run was asked to reach: up to a version (or the latest), down to a version, or a number of steps back.</summary>
internal sealed record MigrationTarget
{
    private MigrationTarget(MigrationTargetKind kind, long? version, int steps)
    {
        Kind = kind;
        Version = version;
        Steps = steps;
    }

    /// <summary>How the target is named.</summary>
    public MigrationTargetKind Kind { get; }

    /// <summary>The version to reach; <see langword="null"/> for the latest (up) or for a number of steps back.</summary>
    public long? Version { get; }

    /// <summary>For <see cref="MigrationTargetKind.StepsBack"/>: how many applied migrations to revert.</summary>
    public int Steps { get; }

    /// <summary>Up or down.</summary>
    public MigrationDirection Direction => Kind == MigrationTargetKind.Up ? MigrationDirection.Up : MigrationDirection.Down;

    /// <summary>For a run up, the highest version to apply (which allows the quick check for nothing pending); otherwise <see langword="null"/>.</summary>
    public long? UpTo => Kind == MigrationTargetKind.Up ? Version ?? long.MaxValue : null;

    /// <summary>Every pending migration up to <paramref name="version"/>, or all of them.</summary>
    public static MigrationTarget Up(long? version = null) => new(MigrationTargetKind.Up, version, 0);

    /// <summary>Every applied migration above <paramref name="version"/> reverted, newest first.</summary>
    public static MigrationTarget DownTo(long version) => new(MigrationTargetKind.DownTo, version, 0);

    /// <summary>The newest <paramref name="steps"/> applied migrations reverted.</summary>
    public static MigrationTarget Back(int steps) => new(MigrationTargetKind.StepsBack, null, steps);

    /// <summary>The target in words, as logs and traces show it: <c>latest</c>, a version, or <c>2 step(s) back</c>.</summary>
    public override string ToString() => Kind switch
    {
        MigrationTargetKind.Up => Version?.ToString(CultureInfo.InvariantCulture) ?? "latest",
        MigrationTargetKind.DownTo => Version!.Value.ToString(CultureInfo.InvariantCulture),
        MigrationTargetKind.StepsBack => string.Create(CultureInfo.InvariantCulture, $"{Steps} step(s) back"),
        _ => throw new InvalidOperationException($"Unknown target kind {Kind}."),
    };
}
