using System.Reflection;

namespace MigrationKit.Cli.Loading;

/// <summary>Loads the application assembly named by <c>--assembly</c> into its own <see cref="MigrationLoadContext"/>.</summary>
internal static class MigrationAssemblyLoader
{
    public static Assembly Load(string path)
    {
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new CommandLineException($"The migrations assembly '{fullPath}' does not exist. Build the application first and pass the path of its .dll to --assembly.");
        }

        try
        {
            return new MigrationLoadContext(fullPath).LoadFromAssemblyPath(fullPath);
        }
        catch (BadImageFormatException e)
        {
            throw new CommandLineException($"'{fullPath}' is not a .NET assembly: {e.Message} Pass the application's .dll (not its native host executable) to --assembly.", e);
        }
        catch (FileLoadException e)
        {
            throw new CommandLineException($"The migrations assembly '{fullPath}' could not be loaded: {e.Message}", e);
        }
    }
}
