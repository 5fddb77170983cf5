using Microsoft.Extensions.Logging;

namespace MigrationKit.Cli.Output;

/// <summary>
/// With <c>--verbose</c>: the library's log (SQL included, at Debug) as plain lines on stderr, masked like everything
/// else. Without it the tool logs nothing: results and errors are its output.
/// </summary>
internal sealed class VerboseLoggerProvider(CliOutput output) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new VerboseLogger(output);

    public void Dispose()
    {
    }

    private static string Tag(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };

    private sealed class VerboseLogger(CliOutput output) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = formatter(state, exception);
            if (exception is not null)
            {
                line += " (" + exception.GetType().Name + ": " + exception.Message + ")";
            }

            output.Note(Tag(logLevel) + ": " + line);
        }
    }
}
