using System.Globalization;

namespace MigrationKit.Risk;

/// <summary>How long a step or plan should take, as a range, with where the figures come from.</summary>
/// <param name="Low">The short end.</param>
/// <param name="High">The long end.</param>
/// <param name="Source">Where it comes from: sizes times a throughput, or earlier runs in the journal.</param>
public sealed record DurationEstimate(TimeSpan Low, TimeSpan High, string Source)
{
    /// <summary>The range in words (<c>1.2 s – 4.8 s</c>).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Low == High ? Format(Low) : $"{Format(Low)} – {Format(High)}";

    internal static string Format(TimeSpan value) => value.TotalSeconds switch
    {
        < 1 => string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, Math.Round(value.TotalMilliseconds))} ms"),
        < 120 => string.Create(CultureInfo.InvariantCulture, $"{value.TotalSeconds:0.#} s"),
        < 7200 => string.Create(CultureInfo.InvariantCulture, $"{value.TotalMinutes:0.#} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{value.TotalHours:0.#} h"),
    };
}
