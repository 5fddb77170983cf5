using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace MigrationKit.Hosting.Tests;

/// <summary>Keeps every log entry in memory, so that tests can assert on event ids and messages.</summary>
public sealed class ListLoggerProvider : ILoggerProvider, ILogger
{
    private readonly ConcurrentQueue<(LogLevel Level, EventId Id, string Message, Exception? Exception)> _entries = new();

    public IReadOnlyList<(LogLevel Level, EventId Id, string Message, Exception? Exception)> Entries => [.. _entries];

    public int Count(string eventName) => _entries.Count(e => e.Id.Name == eventName);

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _entries.Enqueue((logLevel, eventId, formatter(state, exception), exception));

    public void Dispose()
    {
    }
}
