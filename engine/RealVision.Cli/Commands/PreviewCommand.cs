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
        var output = new Option<FileInfo>("--output", "-o") { Description = "Image to write: .svg (vector) or .png (10 pixels per mm).", Required = true };
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
                Console.Error.WriteLine($"realvision preview: {input.FullName}: file not found; give a G-code file written by `realvision slice`.");
                return ExitCodes.InvalidInput;
            }

            string? imageFolder = Path.GetDirectoryName(image.FullName);
            if (Directory.Exists(image.FullName) || imageFolder is null || !Directory.Exists(imageFolder))
            {
                Console.Error.WriteLine($"realvision preview: cannot write {image.FullName}: {(Directory.Exists(image.FullName) ? "it is a folder" : "its folder does not exist")}; choose an image path in an existing folder.");
                return ExitCodes.Usage;
            }

            List<PreviewMove> moves = GcodeLayer.Read(input.FullName, index, out int layerCount);
            if (!parseResult.GetValue(travel))
            {
                moves.RemoveAll(m => m.Feature == "TRAVEL");
            }

            if (moves.Count == 0)
            {
                Console.Error.WriteLine(layerCount == 0
                    ? $"realvision preview: {input.Name} has no ;LAYER: markers; preview reads G-code written by `realvision slice`."
                    : $"realvision preview: layer {index} has no moves; choose --layer from 0 to {layerCount - 1}.");
                return ExitCodes.InvalidInput;
            }

            string temporary = Path.Combine(imageFolder, $".{image.Name}.{Environment.ProcessId}.tmp");
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
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"realvision preview: cannot write {image.FullName}: {ex.Message}");
                return ExitCodes.SlicingFailed;
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
