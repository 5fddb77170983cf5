using System.Text;

namespace MigrationKit;

/// <summary>How the PostgreSQL provider connects, locks and limits the statements of a migration.</summary>
public sealed class PostgreSqlMigrationOptions
{
    /// <summary>The longest identifier PostgreSQL keeps, in bytes (<c>NAMEDATALEN - 1</c>); longer names are truncated by the server.</summary>
    internal const int MaxIdentifierBytes = 63;

    // PostgreSQL keeps lock_timeout and statement_timeout as a 32-bit count of milliseconds.
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromMilliseconds(int.MaxValue);

    private string? _schema;
    private TimeSpan _lockWaitTimeout = TimeSpan.FromMinutes(1);
    private TimeSpan _lockTimeout = TimeSpan.FromSeconds(10);
    private TimeSpan _statementTimeout = Timeout.InfiniteTimeSpan;
    private PostgreSqlLockMode _lockMode = PostgreSqlLockMode.Session;
    private string? _toolsDirectory;

    /// <summary>
    /// The schema that unqualified tables, and the history and journal tables, live in; <see langword="null"/> (the
    /// default) keeps the connection's own <c>search_path</c>. When set, the schema is created if missing and every
    /// connection the provider opens gets <c>search_path</c> set to it.
    /// </summary>
    /// <exception cref="ArgumentException">The name is empty, contains a NUL character or is longer than 63 bytes in UTF-8.</exception>
    public string? Schema
    {
        get => _schema;
        set
        {
            if (value is not null)
            {
                if (string.IsNullOrWhiteSpace(value) || value.Contains('\0', StringComparison.Ordinal))
                {
                    throw new ArgumentException("The schema name must be a non-empty name without NUL characters, or null for the connection's own search_path.", nameof(Schema));
                }

                var bytes = Encoding.UTF8.GetByteCount(value);
                if (bytes > MaxIdentifierBytes)
                {
                    throw new ArgumentException($"The schema name '{value}' is {bytes} bytes long in UTF-8; PostgreSQL keeps at most {MaxIdentifierBytes}. Choose a shorter name.", nameof(Schema));
                }
            }

            _schema = value;
        }
    }

    /// <summary>
    /// How long a runner waits for the migration lock (a PostgreSQL advisory lock) that another runner holds before it
    /// fails with <see cref="MigrationLockTimeoutException"/>. Default one minute; <see cref="Timeout.InfiniteTimeSpan"/>
    /// waits until cancelled.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative (other than infinite).</exception>
    public TimeSpan LockWaitTimeout
    {
        get => _lockWaitTimeout;
        set
        {
            if (value < TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
            {
                throw new ArgumentOutOfRangeException(nameof(LockWaitTimeout), value, "LockWaitTimeout must be zero or positive, or Timeout.InfiniteTimeSpan to wait until cancelled.");
            }

            _lockWaitTimeout = value;
        }
    }

    /// <summary>
    /// How long one statement of a migration may wait for a table lock (PostgreSQL <c>lock_timeout</c>) when the migration
    /// does not set its own. Default 10 seconds, so that a migration queued behind a long transaction fails instead of
    /// blocking every query on the table; <see cref="Timeout.InfiniteTimeSpan"/> waits forever.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive (other than infinite), or longer than PostgreSQL accepts (about 24.8 days).</exception>
    public TimeSpan LockTimeout
    {
        get => _lockTimeout;
        set => _lockTimeout = CheckStatementSetting(value, nameof(LockTimeout));
    }

    /// <summary>
    /// How long one statement of a migration may run (PostgreSQL <c>statement_timeout</c>) when the migration does not set
    /// its own. Default <see cref="Timeout.InfiniteTimeSpan"/> (no limit).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive (other than infinite), or longer than PostgreSQL accepts (about 24.8 days).</exception>
    public TimeSpan StatementTimeout
    {
        get => _statementTimeout;
        set => _statementTimeout = CheckStatementSetting(value, nameof(StatementTimeout));
    }

    /// <summary>
    /// How concurrent runners are kept apart: <see cref="PostgreSqlLockMode.Session"/> (the default, a session advisory
    /// lock for the whole run) or <see cref="PostgreSqlLockMode.Transaction"/> (a transaction advisory lock per
    /// transaction, for a transaction-pooling PgBouncer).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined mode.</exception>
    public PostgreSqlLockMode LockMode
    {
        get => _lockMode;
        set
        {
            if (!Enum.IsDefined(value))
            {
                throw new ArgumentOutOfRangeException(nameof(LockMode), value, "LockMode must be PostgreSqlLockMode.Session or PostgreSqlLockMode.Transaction.");
            }

            _lockMode = value;
        }
    }

    /// <summary>
    /// The folder holding <c>pg_dump</c>, <c>pg_restore</c> and <c>psql</c> for checkpoints; <see langword="null"/> (the
    /// default) looks on <c>PATH</c>, then under <c>/usr/lib/postgresql/*/bin</c> (the highest version).
    /// </summary>
    /// <exception cref="ArgumentException">The value is empty or white space.</exception>
    public string? ToolsDirectory
    {
        get => _toolsDirectory;
        set
        {
            if (value is not null && string.IsNullOrWhiteSpace(value))
            {
                throw new ArgumentException("ToolsDirectory must be a folder path, or null to look on PATH and under /usr/lib/postgresql.", nameof(ToolsDirectory));
            }

            _toolsDirectory = value;
        }
    }

    /// <summary>A copy, so that later changes to the caller's instance do not reach a provider already built.</summary>
    /// <returns>The copy.</returns>
    internal PostgreSqlMigrationOptions Clone() => new()
    {
        _schema = _schema,
        _lockWaitTimeout = _lockWaitTimeout,
        _lockTimeout = _lockTimeout,
        _statementTimeout = _statementTimeout,
        _lockMode = _lockMode,
        _toolsDirectory = _toolsDirectory,
    };

    private static TimeSpan CheckStatementSetting(TimeSpan value, string name)
    {
        if (value == Timeout.InfiniteTimeSpan)
        {
            return value;
        }

        if (value <= TimeSpan.Zero || value > MaxTimeout)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive and at most {MaxTimeout.TotalDays:0.#} days, or Timeout.InfiniteTimeSpan for no limit.");
        }

        return value;
    }
}
