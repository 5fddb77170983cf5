using Microsoft.Extensions.Logging;
using MigrationKit.SafetyRunner.Protocol;

namespace MigrationKit.SafetyRunner;

/// <summary>
/// Writes every log entry as one line <c>log &lt;event name&gt; &lt;unix ms&gt; &lt;message&gt;</c>, so a test sees where a killed
/// process was; with a <see cref="GatePoint"/>, stops at that event (after printing it) until the test releases it.
/// </summary>
internal sealed class StdoutLoggerProvider(GatePoint? gate = null) : ILoggerProvider
{
    private static readonly Lock Output = new();
    private readonly Gate.Counter? _gate = gate is null ? null : new Gate.Counter(gate);

    public ILogger CreateLogger(string categoryName) => new StdoutLogger(this);

    public void Dispose()
    {
    }

    private sealed class StdoutLogger(StdoutLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception).ReplaceLineEndings(" ");
            var name = eventId.Name ?? eventId.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            lock (Output)
            {
                Console.Out.WriteLine(FormattableString.Invariant($"log {name} {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()} {message}"));
                Console.Out.Flush();
            }

            if (owner._gate?.Reached(name, message) == true)
            {
                Gate.Wait(name);
            }
        }
    }
}
