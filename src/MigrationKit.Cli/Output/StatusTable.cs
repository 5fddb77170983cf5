using System.Globalization;
using Spectre.Console;

namespace MigrationKit.Cli.Output;

/// <summary>The table of migration states shown by <c>status</c>, <c>validate</c> and <c>checkpoint restore</c>.</summary>
internal static class StatusTable
{
    public static Table Render(CliOutput output, IEnumerable<MigrationStatusEntry> entries)
    {
        var table = output.Table("Version", "Description", "State", "Applied at", "Duration");
        foreach (var entry in entries)
        {
            table.AddRow(
                output.Cell(entry.Version.ToString(CultureInfo.InvariantCulture)),
                output.Cell(entry.Description),
                output.Cell(Name(entry.State), new Style(Colour(entry.State))),
                output.Cell(CliOutput.Time(entry.AppliedAt)),
                output.Cell(CliOutput.Milliseconds(entry.Duration)));
        }

        return table;
    }

    public static string Name(MigrationState state) => state switch
    {
        MigrationState.Applied => "applied",
        MigrationState.Pending => "pending",
        MigrationState.Missing => "missing from code",
        MigrationState.Modified => "modified",
        MigrationState.Incomplete => "incomplete",
        _ => state.ToString(),
    };

    private static Color Colour(MigrationState state) => state switch
    {
        MigrationState.Applied => Color.Green,
        MigrationState.Pending => Color.Yellow,
        _ => Color.Red,
    };
}
