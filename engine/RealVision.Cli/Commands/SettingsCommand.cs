using System.CommandLine;
using RealVision.Engine.Settings;

namespace RealVision.Cli.Commands;

/// <summary>`realvision settings`: lists every setting with unit, range and default, as a table or as Markdown.</summary>
internal static class SettingsCommand
{
    public static Command Create()
    {
        var markdown = new Option<bool>("--markdown") { Description = "Print a Markdown table (the one in docs/settings.md)." };
        var command = new Command("settings", "List every setting with its unit, range and default.") { markdown };
        command.SetAction(parseResult =>
        {
            if (parseResult.GetValue(markdown))
            {
                PrintMarkdown();
            }
            else
            {
                PrintTable();
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static void PrintTable()
    {
        var all = SettingsRegistry.All;
        int keyWidth = all.Max(d => d.Key.Length);
        int unitWidth = Math.Max(4, all.Max(d => d.Unit.Length));
        int rangeWidth = all.Max(d => d.DescribeRange().Length);
        int defaultWidth = Math.Max(7, all.Max(d => d.Default.Length));
        Console.WriteLine($"{"KEY".PadRight(keyWidth)}  {"UNIT".PadRight(unitWidth)}  {"RANGE".PadRight(rangeWidth)}  {"DEFAULT".PadRight(defaultWidth)}  DESCRIPTION");
        foreach (SettingDefinition definition in all)
        {
            Console.WriteLine(
                $"{definition.Key.PadRight(keyWidth)}  {definition.Unit.PadRight(unitWidth)}  {definition.DescribeRange().PadRight(rangeWidth)}  {definition.Default.PadRight(defaultWidth)}  {definition.Description}");
        }
    }

    private static void PrintMarkdown()
    {
        Console.WriteLine("| key | unit | range | default | description |");
        Console.WriteLine("| --- | --- | --- | --- | --- |");
        foreach (SettingDefinition definition in SettingsRegistry.All)
        {
            Console.WriteLine(
                $"| `{definition.Key}` | {Cell(definition.Unit)} | {Cell(definition.DescribeRange())} | {Cell(definition.Default)} | {Cell(definition.Description)} |");
        }
    }

    private static string Cell(string text) => text.Replace("|", "\\|");
}
