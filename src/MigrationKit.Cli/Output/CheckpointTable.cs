using System.Globalization;
using MigrationKit.Checkpoints;
using Spectre.Console;

namespace MigrationKit.Cli.Output;

/// <summary>Checkpoints as a table: id, version, kind, level, size, time, description.</summary>
internal static class CheckpointTable
{
    public static Table Render(CliOutput output, IEnumerable<Checkpoint> checkpoints)
    {
        var table = output.Table("Id", "Version", "Kind", "Level", "Size", "Taken at", "Description");
        foreach (var checkpoint in checkpoints)
        {
            table.AddRow(
                output.Cell(checkpoint.Id),
                output.Cell(checkpoint.Version.ToString(CultureInfo.InvariantCulture)),
                output.Cell(checkpoint.Kind.ToString()),
                output.Cell(checkpoint.Level.ToString()),
                output.Cell(Size(checkpoint.SizeBytes)),
                output.Cell(CliOutput.Time(checkpoint.CreatedAt)),
                output.Cell(checkpoint.Description));
        }

        return table;
    }

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.0} MiB"),
    };
}
