using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace MigrationKit.Specification.Support;

/// <summary>
/// An <see cref="ILoggerProvider"/> that keeps every log line written through it, at every level, with the formatted
/// message, the event id, the structured state's values and the exception's <see cref="Exception.ToString"/>, so a
/// test can assert on what was logged (for example that a password never was).
/// </summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    /// <summary>Every line captured so far, oldest first.</summary>
    public IReadOnlyList<string> Lines => _lines.ToArray();

    /// <summary>Every line captured so far as one text.</summary>
    public string Text => string.Join('\n', _lines);

    /// <summary>Creates a logger factory that sends everything, down to <see cref="LogLevel.Trace"/>, to a new capturing provider.</summary>
    /// <param name="provider">The provider that captures the lines.</param>
    /// <returns>The factory; dispose it after use.</returns>
    public static ILoggerFactory CreateFactory(out CapturingLoggerProvider provider)
    {
        provider = new CapturingLoggerProvider();
        return new LoggerFactory([provider], new LoggerFilterOptions { MinLevel = LogLevel.Trace });
    }

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            owner._lines.Enqueue($"scope {category}: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join("; ", pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
            owner._lines.Enqueue($"{logLevel} {category} [{eventId.Id} {eventId.Name}]: {formatter(state, exception)} {{{values}}}{(exception is null ? string.Empty : "\n" + exception)}");
        }
    }
}
