using MigrationKit.Checkpoints;
using MigrationKit.Planning;

namespace MigrationKit.Tests.Checkpoints;

/// <summary>Whether a run takes a checkpoint first, and why, from the options and the plan alone.</summary>
public sealed class CheckpointDecisionTests
{
    private static MigrationPlanner Planner() =>
        new(MigrationCatalog.Create([new MigrationSource(typeof(CheckpointDecisionTests).Assembly, "MigrationKit.Tests.Planning.Migrations.Shop")], [], NamingConvention.Default, services: null), new MigrationKitOptions());

    private static MigrationPlan Up(params long[] applied)
    {
        var planner = Planner();
        return planner.Plan(MigrationTarget.Up(), applied.Select(v => new History.AppliedMigration(v, "m", planner.Catalog.GetChecksum(planner.Catalog.Find(v)!), DateTimeOffset.UnixEpoch, TimeSpan.Zero, "t", "0")).ToArray());
    }

    private static CheckpointOptions Options(CheckpointPolicy policy) => new() { Policy = policy, Directory = "/tmp/checkpoints" };

    [Test]
    public async Task ReasonAsync_Never_TakesNone()
    {
        (await CheckpointDecision.ReasonAsync(Options(CheckpointPolicy.Never), Up(), CancellationToken.None)).Should().BeNull();
    }

    [Test]
    public async Task ReasonAsync_Always_TakesOne()
    {
        (await CheckpointDecision.ReasonAsync(Options(CheckpointPolicy.Always), Up(1, 2, 3), CancellationToken.None)).Should().Be("the policy is Always");
    }

    [Test]
    public async Task ReasonAsync_BeforeRiskyMigrations_NamesEachRiskyStep()
    {
        var reason = await CheckpointDecision.ReasonAsync(Options(CheckpointPolicy.BeforeRiskyMigrations), Up(1), CancellationToken.None);

        reason.Should().Be("migration 3 'drop legacy column' runs without a transaction; migration 4 'drop archive' is destructive");
    }

    [Test]
    public async Task ReasonAsync_BeforeRiskyMigrations_NothingRiskyPending_TakesNone()
    {
        var planner = Planner();
        var plan = planner.Plan(MigrationTarget.Up(2), []);

        (await CheckpointDecision.ReasonAsync(Options(CheckpointPolicy.BeforeRiskyMigrations), plan, CancellationToken.None)).Should().BeNull();
    }

    [Test]
    public async Task ReasonAsync_RunDown_TakesNoneWhateverThePolicy()
    {
        var planner = Planner();
        var applied = new[] { 1L, 2L }.Select(v => new History.AppliedMigration(v, "m", "c", DateTimeOffset.UnixEpoch, TimeSpan.Zero, "t", "0")).ToArray();
        var down = planner.Plan(MigrationTarget.DownTo(0), applied);

        (await CheckpointDecision.ReasonAsync(Options(CheckpointPolicy.Always), down, CancellationToken.None)).Should().BeNull();
    }

    [Test]
    public async Task ReasonAsync_CustomPolicy_SeesDestructiveStepsAndDecides()
    {
        var policy = new RecordingPolicy(answer: true);
        var options = Options(CheckpointPolicy.Never);
        options.CustomPolicy = policy;

        var reason = await CheckpointDecision.ReasonAsync(options, Up(1, 2), CancellationToken.None);

        reason.Should().Be("the custom policy RecordingPolicy asked for one");
        policy.Seen.Select(m => (m.Version, m.Destructive)).Should().Equal((3L, true), (4L, true));
    }

    [Test]
    public async Task ReasonAsync_CustomPolicySaysNo_TakesNoneEvenWhenThePolicyIsAlways()
    {
        var options = Options(CheckpointPolicy.Always);
        options.CustomPolicy = new RecordingPolicy(answer: false);

        (await CheckpointDecision.ReasonAsync(options, Up(), CancellationToken.None)).Should().BeNull();
    }

    private sealed class RecordingPolicy(bool answer) : ICheckpointPolicy
    {
        public IReadOnlyList<MigrationInfo> Seen { get; private set; } = [];

        public ValueTask<bool> ShouldCheckpointAsync(IReadOnlyList<MigrationInfo> pending, CancellationToken cancellationToken = default)
        {
            Seen = pending;
            return ValueTask.FromResult(answer);
        }
    }
}
