using System.CommandLine;
using RealVision.Engine.Printers;

namespace RealVision.Cli.Commands;

/// <summary>`realvision printers`: lists printer profiles with bed size and source file.</summary>
internal static class PrintersCommand
{
    public static Command Create()
    {
        var printers = CommonOptions.Printers();
        var command = new Command("printers", "List printer profiles (built-in and added).") { printers };
        command.SetAction(parseResult =>
        {
            var engine = CommonOptions.CreateEngine(null, parseResult.GetValue(printers), verbose: false);
            CommonOptions.ReportLoadProblems(engine);
            Console.WriteLine($"{"NAME",-20} {"BED (mm)",-16} {"ALIASES",-34} SOURCE");
            foreach (PrinterProfile profile in engine.Printers.Profiles)
            {
                string bed = $"{Value(profile, "machine_width")} x {Value(profile, "machine_depth")} x {Value(profile, "machine_height")}";
                string source = profile.Source.StartsWith(PrinterCatalog.BuiltInFolder, StringComparison.Ordinal)
                    ? "built-in"
                    : profile.Source;
                Console.WriteLine($"{profile.Name,-20} {bed,-16} {string.Join(", ", profile.Aliases),-34} {source}");
            }

            return engine.Printers.Problems.Count == 0 ? ExitCodes.Success : ExitCodes.InvalidInput;
        });
        return command;
    }

    private static string Value(PrinterProfile profile, string key) =>
        profile.Settings.TryGetValue(key, out string? value) ? value : "?";
}
