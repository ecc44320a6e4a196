using System.CommandLine;
using RealVision.Engine.Settings;

namespace RealVision.Cli.Commands;

/// <summary>`realvision settings`: lists every setting with unit, range and default.</summary>
internal static class SettingsCommand
{
    public static Command Create()
    {
        var command = new Command("settings", "List every setting with its unit, range and default.");
        command.SetAction(_ =>
        {
            Console.WriteLine($"{"KEY",-32} {"UNIT",-9} {"RANGE",-18} {"DEFAULT",-8} DESCRIPTION");
            foreach (SettingDefinition definition in SettingsRegistry.All)
            {
                Console.WriteLine(
                    $"{definition.Key,-32} {definition.Unit,-9} {definition.DescribeRange(),-18} {definition.Default,-8} {definition.Description}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
