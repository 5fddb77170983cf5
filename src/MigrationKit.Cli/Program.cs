using MigrationKit.Cli;

return await CliApplication.RunAsync(args).ConfigureAwait(false);
