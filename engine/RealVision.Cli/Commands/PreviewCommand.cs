using System.CommandLine;
using RealVision.Cli.Preview;

namespace RealVision.Cli.Commands;

/// <summary>`realvision preview OUT.gcode --layer N -o layer.svg|png`: draws one layer with a colour per feature.</summary>
internal static class PreviewCommand
{
    public static Command Create()
    {
        var gcode = new Argument<FileInfo>("gcode") { Description = "G-code file written by `realvision slice`." };
        var layer = new Option<int>("--layer", "-l") { Description = "Zero-based layer index (as in ;LAYER:n).", Required = true };
        var output = new Option<FileInfo>("--output", "-o") { Description = "Image to write: .svg or .png.", Required = true };
        var travel = new Option<bool>("--travel") { Description = "Also draw travel moves (dashed in SVG)." };
        var command = new Command("preview", "Draw one layer of a G-code file as SVG or PNG.") { gcode, layer, output, travel };
        command.SetAction(parseResult =>
        {
            FileInfo input = parseResult.GetValue(gcode)!;
            FileInfo image = parseResult.GetValue(output)!;
            int index = parseResult.GetValue(layer);
            string extension = image.Extension.ToLowerInvariant();
            if (extension is not (".svg" or ".png"))
            {
                Console.Error.WriteLine($"realvision preview: {image.Name}: the image must end in .svg or .png.");
                return ExitCodes.Usage;
            }

            if (!input.Exists)
            {
                Console.Error.WriteLine($"realvision preview: {input.FullName}: file not found.");
                return ExitCodes.InvalidInput;
            }

            List<PreviewMove> moves = GcodeLayer.Read(input.FullName, index, out int layerCount);
            if (!parseResult.GetValue(travel))
            {
                moves.RemoveAll(m => m.Feature == "TRAVEL");
            }

            if (moves.Count == 0)
            {
                Console.Error.WriteLine(layerCount == 0
                    ? $"realvision preview: {input.Name} has no ;LAYER: markers."
                    : $"realvision preview: layer {index} has no moves; the file has layers 0 to {layerCount - 1}.");
                return ExitCodes.InvalidInput;
            }

            string temporary = image.FullName + ".tmp";
            try
            {
                if (extension == ".svg")
                {
                    LayerDrawing.WriteSvg(moves, temporary, $"{input.Name} layer {index}", 0.4);
                }
                else
                {
                    LayerDrawing.WritePng(moves, temporary, 0.4);
                }

                File.Move(temporary, image.FullName, overwrite: true);
            }
            finally
            {
                File.Delete(temporary);
            }

            Console.WriteLine($"Wrote {image.FullName} ({moves.Count} moves of layer {index}).");
            return ExitCodes.Success;
        });
        return command;
    }
}
