using System.CommandLine;
using RealVision.Fcode;

namespace RealVision.Cli.Commands;

/// <summary>`realvision inspect FILE.fcode`: prints the header fields, printer identity and layer table of an Fcode file.</summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "Fcode file (.fcode) to read; copies damaged by a UTF-8 text decoding are read too." };
        var command = new Command("inspect", "Print what is known of an Fcode file: header fields, printer identity and the layer table.") { file };
        command.SetAction(parseResult =>
        {
            FileInfo input = parseResult.GetValue(file)!;
            if (!input.Exists)
            {
                Console.Error.WriteLine($"realvision inspect: {input.FullName}: file not found.");
                return ExitCodes.InvalidInput;
            }

            FcodeFile fcode;
            try
            {
                fcode = FcodeInspector.Read(input.FullName);
            }
            catch (FcodeFormatException ex)
            {
                Console.Error.WriteLine($"realvision inspect: {ex.Message}");
                return ExitCodes.InvalidInput;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"realvision inspect: cannot read {input.FullName}: {ex.Message}");
                return ExitCodes.InvalidInput;
            }

            FcodeReport.Write(Console.Out, fcode, input.Name);
            return ExitCodes.Success;
        });
        return command;
    }
}
