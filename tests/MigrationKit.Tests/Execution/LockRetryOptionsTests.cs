namespace MigrationKit.Tests.Execution;

public sealed class LockRetryOptionsTests
{
    [Test]
    public void Defaults_AreThreeAttemptsFrom200MillisecondsUpTo5Seconds()
    {
        var options = new MigrationKitOptions().LockRetry;

        options.MaxAttempts.Should().Be(3);
        options.BaseDelay.Should().Be(TimeSpan.FromMilliseconds(200));
        options.MaxDelay.Should().Be(TimeSpan.FromSeconds(5));
    }

    [TestCase(1, 0.0, 100)]
    [TestCase(1, 0.999999, 200)]
    [TestCase(2, 0.0, 200)]
    [TestCase(3, 0.0, 400)]
    [TestCase(4, 0.5, 750)]
    [TestCase(5, 0.0, 500)]
    [TestCase(50, 0.999999, 1000)]
    public void DelayAfter_DoublesPerAttemptCapsAtMaxDelayAndJittersWithinHalfToFull(int attempt, double jitter, int expectedMilliseconds)
    {
        var options = new LockRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(200), MaxDelay = TimeSpan.FromSeconds(1) };

        options.DelayAfter(attempt, jitter).TotalMilliseconds.Should().BeApproximately(expectedMilliseconds, 0.01);
    }

    [Test]
    public void DelayAfter_RandomJitter_StaysInTheBandAndVaries()
    {
        var options = new LockRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(10) };
        var random = new Random(42);

        var delays = Enumerable.Range(0, 200).Select(_ => options.DelayAfter(3, random.NextDouble()).TotalMilliseconds).ToArray();

        delays.Should().OnlyContain(d => d >= 200 && d <= 400);
        delays.Distinct().Count().Should().BeGreaterThan(100, "jitter spreads runners that retry at the same moment");
    }

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(101)]
    public void MaxAttempts_OutOfRange_ThrowsNamingTheProperty(int value)
    {
        var options = new LockRetryOptions();

        var act = () => options.MaxAttempts = value;

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("MaxAttempts").WithMessage("*between 1 (no retry) and 100*");
        options.MaxAttempts.Should().Be(3, "a rejected value changes nothing");
    }

    [Test]
    public void Delays_NegativeOrLongerThanAnHour_Throw()
    {
        var options = new LockRetryOptions();

        FluentActions.Invoking(() => options.BaseDelay = TimeSpan.FromMilliseconds(-1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("BaseDelay");
        FluentActions.Invoking(() => options.MaxDelay = TimeSpan.FromHours(2)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("MaxDelay");
        options.BaseDelay.Should().Be(TimeSpan.FromMilliseconds(200));
        options.MaxDelay.Should().Be(TimeSpan.FromSeconds(5));
    }

    [Test]
    public void BlockedException_NamesMigrationAttemptsBlockerAndRemedy()
    {
        var error = new MigrationBlockedException(7, "Add column", MigrationDirection.Up, "ALTER TABLE \"busy\" ADD COLUMN x int", 3, "table \"busy\" is locked by pid 42", new InvalidOperationException("lock timeout"));

        error.Message.Should().Contain("Migration 7 'Add column' (Up)").And.Contain("3 attempt(s)").And.Contain("ALTER TABLE \"busy\"")
            .And.Contain("pid 42").And.Contain("rolled back").And.Contain("LockRetry.MaxAttempts");
        error.Should().BeAssignableTo<MigrationKitException>();
        new MigrationBlockedException(7, "Add column", MigrationDirection.Up, null, 1, null, new InvalidOperationException("x")).Message.Should().Contain("could not be identified");
    }
}
