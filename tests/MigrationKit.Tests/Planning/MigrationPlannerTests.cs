using MigrationKit.History;
using MigrationKit.Planning;

namespace MigrationKit.Tests.Planning;

/// <summary>What the planner decides to apply or revert for a given history and code, without a database.</summary>
public sealed class MigrationPlannerTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

    private static MigrationCatalog Catalog() =>
        MigrationCatalog.Create([new MigrationSource(typeof(MigrationPlannerTests).Assembly, "MigrationKit.Tests.Planning.Migrations.Shop")], [], NamingConvention.Default, services: null);

    private static MigrationPlanner Planner(Action<MigrationKitOptions>? configure = null)
    {
        var options = new MigrationKitOptions();
        configure?.Invoke(options);
        return new MigrationPlanner(Catalog(), options);
    }

    private static AppliedMigration[] Applied(MigrationPlanner planner, params long[] versions) =>
        versions.Select(v => Row(v, planner.Catalog.Find(v) is { } m ? planner.Catalog.GetChecksum(m) : "sha256:gone")).ToArray();

    private static AppliedMigration Row(long version, string checksum) => new(version, $"migration {version}", checksum, At, TimeSpan.Zero, "test", "0.1.0");

    [Test]
    public void Plan_UpToLatest_PendingInVersionOrderFromTheNewestApplied()
    {
        var planner = Planner();

        var plan = planner.Plan(MigrationTarget.Up(), Applied(planner, 1));

        plan.Direction.Should().Be(MigrationDirection.Up);
        plan.FromVersion.Should().Be(1);
        plan.Steps.Select(s => s.Version).Should().Equal(2, 3, 4);
        plan.Steps.Should().OnlyContain(s => s.Direction == MigrationDirection.Up);
    }

    [Test]
    public void Plan_UpToAVersion_StopsThere()
    {
        var planner = Planner();

        planner.Plan(MigrationTarget.Up(3), []).Steps.Select(s => s.Version).Should().Equal(1, 2, 3);
    }

    [Test]
    public void Plan_UpWithAGapInTheHistory_FillsTheGapFirst()
    {
        var planner = Planner();

        var plan = planner.Plan(MigrationTarget.Up(), Applied(planner, 1, 3));

        plan.Steps.Select(s => s.Version).Should().Equal(2, 4);
        plan.FromVersion.Should().Be(3, "an out-of-order step starts below the current version");
    }

    [Test]
    public void Plan_EverythingApplied_IsEmpty()
    {
        var planner = Planner();

        planner.Plan(MigrationTarget.Up(), Applied(planner, 1, 2, 3, 4)).IsEmpty.Should().BeTrue();
    }

    [Test]
    public void Plan_DownToAVersion_RevertsNewestFirst()
    {
        var planner = Planner();

        var plan = planner.Plan(MigrationTarget.DownTo(1), Applied(planner, 1, 2, 3, 4));

        plan.Direction.Should().Be(MigrationDirection.Down);
        plan.Steps.Select(s => s.Version).Should().Equal(4, 3, 2);
        plan.Steps.Should().OnlyContain(s => s.Direction == MigrationDirection.Down);
    }

    [Test]
    public void Plan_StepsBack_RevertsThatManyNewestFirst()
    {
        var planner = Planner();

        planner.Plan(MigrationTarget.Back(2), Applied(planner, 1, 2, 3)).Steps.Select(s => s.Version).Should().Equal(3, 2);
    }

    [Test]
    public void Plan_MoreStepsBackThanApplied_ThrowsNamingTheCount()
    {
        var planner = Planner();

        var act = () => planner.Plan(MigrationTarget.Back(3), Applied(planner, 1, 2));

        act.Should().Throw<MigrationTargetException>().WithMessage("*3 step(s)*only 2 migration(s)*");
    }

    [Test]
    public void Plan_DownOverAMigrationMissingFromTheCode_ThrowsEvenWhenMissingOnesAreTolerated()
    {
        var planner = Planner(o => o.IgnoreMissingMigrations = true);
        AppliedMigration[] applied = [.. Applied(planner, 1, 2), Row(9, "sha256:gone")];

        var act = () => planner.Plan(MigrationTarget.DownTo(1), applied);

        act.Should().Throw<AppliedMigrationMissingException>().Which.Problems.Select(m => m.Version).Should().Equal(9);
    }

    [Test]
    public void Plan_CreatesNoMigrationInstanceForAppliedMigrations()
    {
        var planner = Planner();

        var plan = planner.Plan(MigrationTarget.Up(), Applied(planner, 1, 2));

        // The operations of a step are recorded when first read; an irreversible Down would fail at its own step.
        plan.Steps.Select(s => s.Operations.Count).Should().Equal(1, 1);
    }

    [Test]
    public void ValidateTarget_UnknownUpVersion_ThrowsListingKnownVersions()
    {
        var act = () => Planner().ValidateTarget(MigrationTarget.Up(7));

        act.Should().Throw<MigrationTargetException>().WithMessage("*up to version 7*Known versions: 1, 2, 3, 4.");
    }

    [Test]
    public void ValidateTarget_DownToZero_IsAccepted()
    {
        var act = () => Planner().ValidateTarget(MigrationTarget.DownTo(0));

        act.Should().NotThrow();
    }

    [Test]
    public void ValidateTarget_DownToUnknownVersion_Throws()
    {
        var act = () => Planner().ValidateTarget(MigrationTarget.DownTo(5));

        act.Should().Throw<MigrationTargetException>().WithMessage("*down to version 5*");
    }

    [Test]
    public void UpToDate_AllAppliedAndMatching_ReturnsTheNewestVersion()
    {
        var planner = Planner();
        var rows = Applied(planner, 1, 2, 3, 4).Select(a => new AppliedChecksum(a.Version, a.Checksum)).ToArray();

        planner.UpToDate(rows, long.MaxValue).Should().Be(4);
    }

    [Test]
    public void UpToDate_APendingMigrationBelowTheTarget_ReturnsNull()
    {
        var planner = Planner();
        var rows = Applied(planner, 1, 3).Select(a => new AppliedChecksum(a.Version, a.Checksum)).ToArray();

        planner.UpToDate(rows, long.MaxValue).Should().BeNull();
        planner.UpToDate(rows, 1).Should().Be(3, "up to version 1 nothing is pending");
    }

    [Test]
    public void UpToDate_AnEditedMigration_ReturnsNullSoTheFullPathReportsIt()
    {
        var planner = Planner();
        AppliedChecksum[] rows = [new(1, "sha256:edited"), .. Applied(planner, 2, 3, 4).Select(a => new AppliedChecksum(a.Version, a.Checksum))];

        planner.UpToDate(rows, long.MaxValue).Should().BeNull();
        Planner(o => o.VerifyChecksums = false).UpToDate(rows, long.MaxValue).Should().Be(4, "checksums are not verified then");
    }

    [TestCase(new long[] { 1, 2, 3, 4 }, long.MaxValue, 4L)]
    [TestCase(new long[] { 1, 2, 3, 4 }, 2L, 4L)]
    [TestCase(new long[] { 1, 2 }, 2L, 2L)]
    [TestCase(new long[] { 2, 1 }, 2L, 2L)]
    [TestCase(new long[] { 1, 2 }, long.MaxValue, null)]
    [TestCase(new long[] { 1, 3 }, 1L, null)]
    [TestCase(new long[] { 2, 3, 4 }, long.MaxValue, null)]
    [TestCase(new long[0], long.MaxValue, null)]
    public void UpToDate_FromTheDigest_AnswersOnlyForAnUneditedPrefixReachingTheTarget(long[] versions, long upTo, long? expected)
    {
        var planner = Planner();
        var rows = Applied(planner, versions).Select(a => new AppliedChecksum(a.Version, a.Checksum)).ToArray();

        var fromDigest = planner.UpToDate(AppliedSetDigest.Of(rows), upTo);

        fromDigest.Should().Be(expected);
        if (fromDigest is { } version)
        {
            planner.UpToDate(rows, upTo).Should().Be(version, "the digest may only say what the full read says");
        }
    }

    [Test]
    public void UpToDate_FromTheDigestOfAnEditedOrMissingMigration_ReturnsNullSoTheFullPathReportsIt()
    {
        var planner = Planner();
        AppliedChecksum[] edited = [new(1, "sha256:edited"), .. Applied(planner, 2, 3, 4).Select(a => new AppliedChecksum(a.Version, a.Checksum))];
        AppliedChecksum[] missing = [.. Applied(planner, 1, 2, 3, 4).Select(a => new AppliedChecksum(a.Version, a.Checksum)), new(9, "sha256:gone")];

        planner.UpToDate(AppliedSetDigest.Of(edited), long.MaxValue).Should().BeNull();
        planner.UpToDate(AppliedSetDigest.Of(missing), long.MaxValue).Should().BeNull();
        Planner(o => o.IgnoreMissingMigrations = true).UpToDate(AppliedSetDigest.Of(missing), long.MaxValue).Should().BeNull("the full read decides what is tolerated");
    }

    [Test]
    public void UpToDate_FromTheDigestWithChecksumsUnverified_ReturnsNull()
    {
        var planner = Planner(o => o.VerifyChecksums = false);
        var rows = Applied(planner, 1, 2, 3, 4).Select(a => new AppliedChecksum(a.Version, a.Checksum)).ToArray();

        planner.UpToDate(AppliedSetDigest.Of(rows), long.MaxValue).Should().BeNull("the code's digest needs every checksum, which this mode avoids computing");
    }

    [Test]
    public void AppliedSetDigest_DependsOnTheSetNotTheOrder_AndOnEveryChecksum()
    {
        AppliedChecksum[] rows = [new(1, "v1:aa"), new(2, "v1:bb"), new(3, "v1:cc")];

        AppliedSetDigest.Of(Enumerable.Reverse(rows)).Should().Be(AppliedSetDigest.Of(rows));
        AppliedSetDigest.Of([new(1, "v1:aa"), new(2, "v1:bc"), new(3, "v1:cc")]).Should().NotBe(AppliedSetDigest.Of(rows));
        AppliedSetDigest.Of([new(1, "v1:bb"), new(2, "v1:aa"), new(3, "v1:cc")]).Should().NotBe(AppliedSetDigest.Of(rows), "a checksum belongs to its version");
        AppliedSetDigest.Of(rows[..2]).Should().NotBe(AppliedSetDigest.Of(rows));
        AppliedSetDigest.Of([]).Should().Be(AppliedSetDigest.Empty);
    }

    [Test]
    public void Validate_EditedAndMissing_ThrowsOneErrorNamingBoth()
    {
        var planner = Planner();
        AppliedMigration[] applied = [Row(1, "sha256:edited"), .. Applied(planner, 2), Row(9, "sha256:gone")];

        var act = () => planner.Validate(applied);

        act.Should().Throw<MigrationValidationException>().Which.Message.Should().Contain("1").And.Contain("9");
    }

    [Test]
    public void Validate_MissingTolerated_DoesNotThrow()
    {
        var planner = Planner(o => o.IgnoreMissingMigrations = true);
        AppliedMigration[] applied = [.. Applied(planner, 1), Row(9, "sha256:gone")];

        var act = () => planner.Validate(applied);

        act.Should().NotThrow();
    }

    [Test]
    public void Incomplete_KeepsOnlyStepsWithoutATransaction()
    {
        // 3 runs without a transaction; 2 rolled back with its transaction; 9 is no longer in the code.
        Planner().Incomplete([2, 3, 9]).Should().Equal(3, 9);
    }

    [Test]
    public void BuildStatus_ReportsEachState()
    {
        var planner = Planner();
        AppliedMigration[] applied = [.. Applied(planner, 1), Row(2, "sha256:edited"), Row(9, "sha256:gone")];

        var status = planner.BuildStatus(applied, [3], includeChecksums: true);

        status.Migrations.Select(m => (m.Version, m.State)).Should().Equal(
            (1L, MigrationState.Applied), (2L, MigrationState.Modified), (3L, MigrationState.Incomplete), (4L, MigrationState.Pending), (9L, MigrationState.Missing));
    }
}
