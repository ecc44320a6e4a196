using System.CommandLine;

namespace RealVision.Cli.Commands;

/// <summary>`realvision plugins`: lists the loaded plugins with kind, name, version and source file.</summary>
internal static class PluginsCommand
{
    public static Command Create()
    {
        var plugins = CommonOptions.Plugins();
        var command = new Command("plugins", "List loaded plugins and where they came from.") { plugins };
        command.SetAction(parseResult =>
        {
            var engine = CommonOptions.CreateEngine(parseResult.GetValue(plugins), null, verbose: false);
            Console.WriteLine($"{"KIND",-15} {"NAME",-12} {"VERSION",-9} SOURCE");
            foreach (var loaded in engine.Plugins.Plugins.OrderBy(p => p.Plugin.Kind).ThenBy(p => p.Plugin.Name))
            {
                Console.WriteLine($"{loaded.Plugin.Kind,-15} {loaded.Plugin.Name,-12} {loaded.Plugin.Version.ToString(3),-9} {loaded.AssemblyPath}");
            }

            foreach (var failure in engine.Plugins.Failures)
            {
                Console.WriteLine($"{"FAILED RV002",-15} {"",-12} {"",-9} {failure.Path}: {failure.Message}");
            }

            return engine.Plugins.Failures.Count == 0 ? ExitCodes.Success : ExitCodes.InvalidInput;
        });
        return command;
    }
}
