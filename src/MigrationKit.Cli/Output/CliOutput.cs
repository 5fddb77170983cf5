using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MigrationKit.Cli.Connections;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace MigrationKit.Cli.Output;

/// <summary>
/// Where a command writes: results to stdout (tables, or JSON with <c>--json</c>), messages and progress to stderr.
/// Colour and live progress only where the stream is a terminal; plain lines otherwise. Every piece of text goes
/// through <see cref="Secrets"/> first, so a password never reaches either stream.
/// </summary>
internal sealed class CliOutput
{
    // A pipe or a file has no width: lines (messages, tables) are written whole, never wrapped at the 80 columns a
    // redirected console would otherwise assume.
    private const int RedirectedWidth = 4096;

    private readonly TextWriter _stdout;
    private readonly TextWriter _stderr;

    public CliOutput(TextWriter stdout, TextWriter stderr, bool json, bool verbose)
    {
        _stdout = stdout;
        _stderr = stderr;
        Json = json;
        Verbose = verbose;
        ErrorIsTerminal = !Console.IsErrorRedirected && ReferenceEquals(stderr, Console.Error);
        Out = CreateConsole(stdout, terminal: !Console.IsOutputRedirected && ReferenceEquals(stdout, Console.Out));
        Error = CreateConsole(stderr, ErrorIsTerminal);
    }

    public bool Json { get; }

    public bool Verbose { get; }

    public bool ErrorIsTerminal { get; }

    public ConnectionSecrets Secrets { get; set; } = ConnectionSecrets.None;

    /// <summary>Results (stdout).</summary>
    public IAnsiConsole Out { get; }

    /// <summary>Messages and progress (stderr).</summary>
    public IAnsiConsole Error { get; }

    public void WriteJson<T>(T document, JsonTypeInfo<T> typeInfo) =>
        _stdout.WriteLine(Secrets.Apply(JsonSerializer.Serialize(document, typeInfo)));

    /// <summary>A line of result text on stdout.</summary>
    public void Line(string text, Style? style = null) => Out.Write(new Text(Secrets.Apply(text) + "\n", style));

    /// <summary>A line on stderr: what the tool is doing, or a note.</summary>
    public void Note(string text) => Error.Write(new Text(Secrets.Apply(text) + "\n", new Style(Color.Grey)));

    public void Warning(string text) => Error.Write(new Text("warning: " + Secrets.Apply(text) + "\n", new Style(Color.Yellow)));

    public void Problem(string text) => Error.Write(new Text("error: " + Secrets.Apply(text) + "\n", new Style(Color.Red)));

    /// <summary>Raw text on stdout, as it is (a SQL script).</summary>
    public void Raw(string text) => _stdout.Write(Secrets.Apply(text));

    public void Flush()
    {
        _stdout.Flush();
        _stderr.Flush();
    }

    public Table Table(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(new Text(column, new Style(decoration: Decoration.Bold))));
        }

        return table;
    }

    public IRenderable Cell(string? text, Style? style = null) => new Text(Secrets.Apply(text ?? string.Empty), style);

    public static string Time(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? string.Empty;

    public static string Milliseconds(TimeSpan? duration) =>
        duration is { } d ? d.TotalMilliseconds.ToString(d.TotalMilliseconds < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + " ms" : string.Empty;

    /// <summary>
    /// Runs long work with progress on stderr: a live status line on a terminal, otherwise one plain line when it starts
    /// and one when it ends.
    /// </summary>
    public async Task<T> ProgressAsync<T>(string activity, Func<Task<T>> work)
    {
        if (ErrorIsTerminal)
        {
            return await Error.Status().StartAsync(Secrets.Apply(activity).EscapeMarkup() + "...", _ => work()).ConfigureAwait(false);
        }

        Note(activity + "...");
        var watch = Stopwatch.StartNew();
        var result = await work().ConfigureAwait(false);
        Note(string.Create(CultureInfo.InvariantCulture, $"{activity}: done in {watch.Elapsed.TotalSeconds:0.00} s"));
        return result;
    }

    private static IAnsiConsole CreateConsole(TextWriter writer, bool terminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }
}
