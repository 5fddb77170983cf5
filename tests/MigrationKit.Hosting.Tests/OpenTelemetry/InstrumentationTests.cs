using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MigrationKit.Hosting.Tests.OpenTelemetry;

public sealed class InstrumentationTests : SqliteTest
{
    [Test]
    public async Task Spans_and_metrics_of_a_run_reach_OpenTelemetry_through_the_extension_methods()
    {
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        using (var tracing = Sdk.CreateTracerProviderBuilder().AddMigrationKitInstrumentation().AddInMemoryExporter(spans).Build())
        using (var meters = Sdk.CreateMeterProviderBuilder().AddMigrationKitInstrumentation().AddInMemoryExporter(metrics).Build())
        {
            await using (var runner = Runner(Shop))
            {
                await runner.MigrateUpAsync();
            }

            tracing!.ForceFlush();
            meters!.ForceFlush();
            AssertCollected(spans, metrics);
        }
    }

    [Test]
    public async Task A_failed_step_is_an_error_span_and_a_failure_count_tagged_with_the_database_system()
    {
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        using (var tracing = Sdk.CreateTracerProviderBuilder().AddMigrationKitInstrumentation().AddInMemoryExporter(spans).Build())
        using (var meters = Sdk.CreateMeterProviderBuilder().AddMigrationKitInstrumentation().AddInMemoryExporter(metrics).Build())
        {
            await using (var runner = Runner(Broken))
            {
                var run = () => runner.MigrateUpAsync();
                await run.Should().ThrowAsync<MigrationFailedException>();
            }

            tracing!.ForceFlush();
            meters!.ForceFlush();
            var failedStep = spans.Should().ContainSingle(s => s.OperationName == "MigrationKit.Migration" && s.Status == ActivityStatusCode.Error).Which;
            failedStep.GetTagItem("migrationkit.version").Should().Be(2L);
            failedStep.GetTagItem("db.system.name").Should().Be("sqlite");
            failedStep.GetTagItem("error.type").Should().NotBeNull();
            spans.Where(s => s.OperationName == "MigrationKit.Migration" && s.Status != ActivityStatusCode.Error)
                .Select(s => s.GetTagItem("migrationkit.version")).Should().Equal(1L);
            var failed = metrics.Should().ContainSingle(m => m.Name == "migrationkit.migrations.failed").Which;
            long total = 0;
            foreach (ref readonly var point in failed.GetMetricPoints())
            {
                total += point.GetSumLong();
                Tags(point).Should().Contain(new KeyValuePair<string, object?>("db.system.name", "sqlite"));
            }

            total.Should().Be(1);
        }
    }

    [Test]
    public void Without_the_extension_methods_nothing_is_collected()
    {
        var spans = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddInMemoryExporter(spans).Build();
        using var activity = new ActivitySource(MigrationKitInstrumentationExtensions.ActivitySourceName).StartActivity("probe");

        activity.Should().BeNull("no listener subscribed to MigrationKit's source");
    }

    private static void AssertCollected(List<Activity> spans, List<Metric> metrics)
    {
        spans.Should().NotBeEmpty().And.OnlyContain(s => s.Source.Name == MigrationKitInstrumentationExtensions.ActivitySourceName);
        spans.Select(s => s.Source.Version).Should().OnlyContain(v => !string.IsNullOrEmpty(v), "the source carries the package version");
        spans.Where(s => s.OperationName == "MigrationKit.Migration").Select(s => s.GetTagItem("migrationkit.version"))
            .Should().Equal(2026_12_01_0900L, 2026_12_01_0930L);
        var applied = metrics.Should().ContainSingle(m => m.Name == "migrationkit.migrations.applied").Which;
        applied.MeterName.Should().Be(MigrationKitInstrumentationExtensions.MeterName);
        long total = 0;
        foreach (ref readonly var point in applied.GetMetricPoints())
        {
            total += point.GetSumLong();
        }

        total.Should().Be(2);
        spans.Should().OnlyContain(s => Equals(s.GetTagItem("db.system.name"), "sqlite"), "every span names the database system");
        var duration = metrics.Should().ContainSingle(m => m.Name == "migrationkit.migration.duration").Which;
        duration.Unit.Should().Be("s", "durations follow the semantic conventions: seconds");
        foreach (ref readonly var point in duration.GetMetricPoints())
        {
            Tags(point).Should().Contain(new KeyValuePair<string, object?>("db.system.name", "sqlite"));
        }
    }

    private static List<KeyValuePair<string, object?>> Tags(in MetricPoint point)
    {
        var tags = new List<KeyValuePair<string, object?>>();
        foreach (var tag in point.Tags)
        {
            tags.Add(tag);
        }

        return tags;
    }
}
