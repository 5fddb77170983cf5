namespace MigrationKit.Specification.Support;

/// <summary>Finds secrets (passwords) in exceptions and captured logs.</summary>
public static class SecretLeaks
{
    /// <summary>
    /// Lists where any of <paramref name="secrets"/> appears: in the message or <see cref="Exception.ToString"/> of
    /// <paramref name="exception"/> or of any exception inside it (inner and aggregated ones), or in the lines of
    /// <paramref name="logs"/>.
    /// </summary>
    /// <param name="secrets">The secrets to look for.</param>
    /// <param name="exception">An exception to search, or <see langword="null"/>.</param>
    /// <param name="logs">Captured logs to search, or <see langword="null"/>.</param>
    /// <returns>A description of each leak; empty when there is none.</returns>
    public static IReadOnlyList<string> Find(IEnumerable<string> secrets, Exception? exception, CapturingLoggerProvider? logs = null)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var leaks = new List<string>();
        foreach (var secret in secrets)
        {
            ArgumentException.ThrowIfNullOrEmpty(secret, nameof(secrets));
            foreach (var e in Flatten(exception))
            {
                if (e.Message.Contains(secret, StringComparison.Ordinal))
                {
                    leaks.Add($"the message of {e.GetType().Name}: {e.Message}");
                }

                if (e.ToString().Contains(secret, StringComparison.Ordinal))
                {
                    leaks.Add($"the ToString() of {e.GetType().Name}");
                }

                foreach (var value in e.Data.Values)
                {
                    if (value?.ToString()?.Contains(secret, StringComparison.Ordinal) == true)
                    {
                        leaks.Add($"the Data of {e.GetType().Name}");
                    }
                }
            }

            leaks.AddRange((logs?.Lines ?? []).Where(l => l.Contains(secret, StringComparison.Ordinal)).Select(l => "the log line: " + l));
        }

        return leaks;
    }

    private static IEnumerable<Exception> Flatten(Exception? exception)
    {
        if (exception is null)
        {
            yield break;
        }

        yield return exception;
        var inner = exception is AggregateException aggregate ? aggregate.InnerExceptions : exception.InnerException is { } one ? [one] : [];
        foreach (var e in inner.SelectMany(Flatten))
        {
            yield return e;
        }
    }
}
