using Microsoft.Extensions.Logging;

namespace MigrationKit.SafetyRunner;

/// <summary>Writes every log entry as one line <c>log &lt;event name&gt; &lt;unix ms&gt; &lt;message&gt;</c>, so a test sees where a killed process was.</summary>
internal sealed class StdoutLoggerProvider : ILoggerProvider
{
    private static readonly Lock Gate = new();

    public ILogger CreateLogger(string categoryName) => new StdoutLogger();

    public void Dispose()
    {
    }

    private sealed class StdoutLogger : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception).ReplaceLineEndings(" ");
            lock (Gate)
            {
                Console.Out.WriteLine(FormattableString.Invariant($"log {eventId.Name ?? eventId.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)} {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()} {message}"));
                Console.Out.Flush();
            }
        }
    }
}
