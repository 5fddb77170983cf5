using System.CommandLine;
using System.Data.Common;
using MigrationKit.Cli.Commands;
using MigrationKit.Cli.Connections;
using MigrationKit.Cli.Output;
using MigrationKit.Cli.Output.Json;

namespace MigrationKit.Cli;

/// <summary>Runs one command: builds its output and context, and turns what it throws into a message and an exit code.</summary>
internal sealed class CommandInvoker(GlobalOptions globals, TextWriter stdout, TextWriter stderr)
{
    public async Task<int> InvokeAsync(MigrationKitCommand command, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var output = new CliOutput(stdout, stderr, parseResult.GetValue(globals.Json), parseResult.GetValue(globals.Verbose));
        var settings = globals.Read(parseResult);
        output.Secrets = ConnectionSecrets.Of(settings.ConnectionString);
        var context = new CommandContext(parseResult, output, settings);
        try
        {
            return await command.ExecuteAsync(context, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Fail(output, ExitCodes.Cancelled, "Cancelled", "The command was cancelled; a migration in progress was rolled back where it ran in a transaction.", null);
        }
        catch (Exception e) when (e is MigrationKitException or ArgumentException or InvalidOperationException or IOException or UnauthorizedAccessException or DbException or TimeoutException)
        {
            return Fail(output, ExitCodes.Failure, e.GetType().Name, Message(e), e);
        }
#pragma warning disable CA1031 // The tool's last line of defence: anything else is still reported, masked, with exit code 1.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return Fail(output, ExitCodes.Failure, e.GetType().Name, "Unexpected error: " + Message(e) + " (run with --verbose for the stack trace)", e);
        }
        finally
        {
            await context.DisposeAsync().ConfigureAwait(false);
            output.Flush();
        }
    }

    private static int Fail(CliOutput output, int exitCode, string kind, string message, Exception? exception)
    {
        output.Problem(message);
        if (output.Verbose && exception is not null)
        {
            output.Note(exception.ToString());
        }

        if (output.Json)
        {
            output.WriteJson(new ErrorDocument(new ErrorItem(exitCode, kind, output.Secrets.Apply(message))), CliJsonContext.Output.ErrorDocument);
        }

        return exitCode;
    }

    // The message, plus the cause's when the message does not already carry it (a driver's error behind a wrapper).
    private static string Message(Exception e) =>
        e.InnerException is { } inner && !e.Message.Contains(inner.Message, StringComparison.Ordinal)
            ? $"{e.Message} ({inner.GetType().Name}: {inner.Message})"
            : e.Message;
}
