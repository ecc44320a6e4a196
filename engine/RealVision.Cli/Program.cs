using System.CommandLine;
using RealVision.Cli.Commands;

namespace RealVision.Cli;

/// <summary>Entry point of the `realvision` command.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("RealVision Engine: slice 3D models into toolpaths for FDM printers.");
        root.Subcommands.Add(SliceCommand.Create());
        root.Subcommands.Add(PluginsCommand.Create());
        root.Subcommands.Add(PrintersCommand.Create());
        root.Subcommands.Add(SettingsCommand.Create());
        root.Subcommands.Add(PreviewCommand.Create());
        root.Subcommands.Add(WorkspaceCommand.Create());
        root.Subcommands.Add(PointCloudCommand.Create());
        root.Subcommands.Add(RealVision.Service.ServiceCommands.Serve());
        root.Subcommands.Add(RealVision.Service.ServiceCommands.Worker());
        root.Subcommands.Add(RealVision.Service.ServiceCommands.Keys());
        root.Subcommands.Add(InspectCommand.Create());

        ParseResult parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors)
            {
                Console.Error.WriteLine($"realvision: {error.Message}");
            }

            Console.Error.WriteLine("Run `realvision --help` for usage.");
            return ExitCodes.Usage;
        }

        return await parseResult.InvokeAsync();
    }
}
