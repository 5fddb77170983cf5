using System.Globalization;
using Spectre.Console;

namespace MigrationKit.Cli.Output;

/// <summary>What a run did (<c>up</c>, <c>down</c>, <c>rollback</c>): one row per migration applied or reverted, then a summary line.</summary>
internal static class StepsTable
{
    public static void Write(CliOutput output, MigrationResult result)
    {
        if (result.NothingToDo)
        {
            output.Line(string.Create(CultureInfo.InvariantCulture, $"Nothing to do: the database is at version {result.ToVersion}."));
            return;
        }

        var table = output.Table("Version", "Description", "Direction", "Duration");
        foreach (var step in result.Steps)
        {
            table.AddRow(
                output.Cell(step.Version.ToString(CultureInfo.InvariantCulture)),
                output.Cell(step.Description),
                output.Cell(step.Direction == MigrationDirection.Up ? "up" : "down", new Style(step.Direction == MigrationDirection.Up ? Color.Green : Color.Yellow)),
                output.Cell(CliOutput.Milliseconds(step.Duration)));
        }

        output.Out.Write(table);
        var verb = result.Direction == MigrationDirection.Up ? "Applied" : "Reverted";
        output.Line(string.Create(CultureInfo.InvariantCulture, $"{verb} {result.Steps.Count} migration(s): version {result.FromVersion} -> {result.ToVersion}."));
    }
}
