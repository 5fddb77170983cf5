using MigrationKit.Execution;

namespace MigrationKit.Tests.Execution;

/// <summary>When a step that ran into a lock timeout is retried, and after how long; decided without a database.</summary>
public sealed class LockRetryTests
{
    private static readonly Func<Exception, bool> TimeoutIsInvalidOperation = e => e is InvalidOperationException;

    private static MigrationFailedException Failure(bool transactional, Exception cause) =>
        new(7, "busy table", MigrationDirection.Up, "ALTER TABLE t ADD c int", transactional, cause);

    [Test]
    public void IsRetryable_TransactionalLockTimeout_IsRetried()
    {
        LockRetry.IsRetryable(Failure(transactional: true, new InvalidOperationException("55P03")), TimeoutIsInvalidOperation).Should().BeTrue();
    }

    [Test]
    public void IsRetryable_StepWithoutATransaction_IsNeverRetried()
    {
        LockRetry.IsRetryable(Failure(transactional: false, new InvalidOperationException("55P03")), TimeoutIsInvalidOperation).Should().BeFalse("it may have done part of its work");
    }

    [Test]
    public void IsRetryable_OtherError_IsNotRetried()
    {
        LockRetry.IsRetryable(Failure(transactional: true, new FormatException("syntax")), TimeoutIsInvalidOperation).Should().BeFalse();
    }

    [Test]
    public void DelayBeforeNext_AttemptsLeft_GrowsAndIsJittered()
    {
        var policy = new LockRetryOptions { MaxAttempts = 4, BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(1) };

        LockRetry.DelayBeforeNext(policy, 1, jitter: 0).Should().Be(TimeSpan.FromMilliseconds(50));
        LockRetry.DelayBeforeNext(policy, 2, jitter: 0.999999).Should().BeCloseTo(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(1));
        LockRetry.DelayBeforeNext(policy, 3, jitter: 0.5).Should().Be(TimeSpan.FromMilliseconds(300));
    }

    [Test]
    public void DelayBeforeNext_AttemptsUsedUp_GivesUp()
    {
        var policy = new LockRetryOptions { MaxAttempts = 3 };

        LockRetry.DelayBeforeNext(policy, 3, jitter: 0.5).Should().BeNull();
        LockRetry.DelayBeforeNext(new LockRetryOptions { MaxAttempts = 1 }, 1, jitter: 0.5).Should().BeNull("one attempt means no retry");
    }
}
