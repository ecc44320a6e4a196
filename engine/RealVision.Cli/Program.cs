using System.CommandLine;
using RealVision.Cli.Commands;
using RealVision.Service;

namespace RealVision.Cli;

/// <summary>Entry point of the `realvision` command.</summary>
public static class Program
{
    // Each command is built only when it can run, because building all of them
    // (and loading the service assembly for `serve`) added several
    // milliseconds to every `realvision slice`.
    private static readonly (string Name, Func<Command> Create)[] Commands =
    {
        ("slice", SliceCommand.Create),
        ("plugins", PluginsCommand.Create),
        ("printers", PrintersCommand.Create),
        ("settings", SettingsCommand.Create),
        ("preview", PreviewCommand.Create),
        ("workspace", WorkspaceCommand.Create),
        ("pointcloud", PointCloudCommand.Create),
        ("serve", () => ServiceCommands.Serve()),
        ("worker", () => ServiceCommands.Worker()),
        ("keys", () => ServiceCommands.Keys()),
        ("inspect", InspectCommand.Create),
    };

    public static async Task<int> Main(string[] args)
    {
        // With a known command name first, only that command is built. Help,
        // --version and mistyped names build the full list. The loops are
        // plain because LINQ over these tuples is compiled at start.
        int named = -1;
        for (int i = 0; i < Commands.Length && args.Length > 0; i++)
        {
            if (args[0] == Commands[i].Name)
            {
                named = i;
                break;
            }
        }

        // A RootCommand also sets up the help and version options, about 5 ms
        // of every run. A run that names a command and requests neither gets a
        // plain root command instead.
        const string description = "RealVision Engine: slice 3D models into toolpaths for FDM printers.";
        Command root = named >= 0 && !RequestsHelpOrVersion(args)
            ? new Command("realvision", description)
            : new RootCommand(description);

        for (int i = 0; i < Commands.Length; i++)
        {
            if (named < 0 || i == named)
            {
                root.Subcommands.Add(Commands[i].Create());
            }
        }

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

    // Help and version words as System.CommandLine reads them, and response
    // files (@file), which may contain them.
    private static bool RequestsHelpOrVersion(string[] args)
    {
        foreach (string arg in args)
        {
            if (arg is "-h" or "--help" or "-?" or "/?" or "/h" or "--version" || arg.StartsWith('@'))
            {
                return true;
            }
        }

        return false;
    }
}
