using System.Text.Json;

namespace MigrationKit.Cli.Tests.Support;

/// <summary>What one run of the tool printed and returned.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>The stdout as JSON (the test fails with both streams when it is not).</summary>
    public JsonElement Json()
    {
        try
        {
            using var document = JsonDocument.Parse(Stdout);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            Assert.Fail($"stdout is not JSON ({e.Message}):\n{this}");
            throw;
        }
    }

    public override string ToString() => $"exit code {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}
