namespace MigrationKit.Cli;

/// <summary>A problem with what the tool was given (connection, provider, migrations source, paths), found after parsing.</summary>
internal sealed class CommandLineException : MigrationKitException
{
    public CommandLineException(string message)
        : base(message)
    {
    }

    public CommandLineException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
