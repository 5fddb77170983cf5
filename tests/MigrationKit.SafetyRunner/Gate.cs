using MigrationKit.SafetyRunner.Protocol;

namespace MigrationKit.SafetyRunner;

/// <summary>
/// The runner program's side of a gate: prints <c>gated &lt;what&gt;</c>, then blocks the calling thread until the test
/// writes <c>release</c> on stdin (the main loop reads stdin only between commands, so the line is the gate's). A test
/// that kills the process at the gate never releases it.
/// </summary>
internal static class Gate
{
    public static void Wait(string what)
    {
        Console.Out.WriteLine("gated " + what);
        Console.Out.Flush();
        var line = Console.In.ReadLine();
        if (line != "release")
        {
            throw new InvalidOperationException($"Expected 'release' at the gate ({what}), got '{line}'.");
        }
    }

    /// <summary>Counts matching log events and stops at the gate's occurrence.</summary>
    internal sealed class Counter(GatePoint point)
    {
        private readonly Lock _lock = new();
        private int _seen;

        public bool Reached(string eventName, string message)
        {
            if (eventName != point.Event || (point.Contains is { } text && !message.Contains(text, StringComparison.Ordinal)))
            {
                return false;
            }

            lock (_lock)
            {
                return ++_seen == point.Occurrence;
            }
        }
    }
}
