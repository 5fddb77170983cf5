namespace MigrationKit.Benchmarks.Support;

/// <summary>Setup checks: a benchmark that measures the wrong thing must fail, not report a number.</summary>
public static class Check
{
    /// <summary>Throws when <paramref name="condition"/> is false.</summary>
    /// <param name="condition">What must hold.</param>
    /// <param name="message">What went wrong otherwise.</param>
    /// <exception cref="InvalidOperationException"><paramref name="condition"/> is false.</exception>
    public static void That(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}
