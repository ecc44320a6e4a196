using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using RealVision.Abstractions.Errors;
using RealVision.Engine.Pipeline;

namespace RealVision.Cli.Commands;

/// <summary>`realvision slice INPUT -o OUT`: slices a model or workspace into toolpaths.</summary>
internal static class SliceCommand
{
    public static Command Create()
    {
        var input = new Argument<FileInfo>("input") { Description = "Model or workspace file (.stl, .rvwj or .json workspace)." };
        var output = new Option<FileInfo?>("--output", "-o")
        {
            Description = "Output file; defaults to the input's name with the dialect's extension in the current folder.",
        };
        var printer = new Option<string?>("--printer") { Description = "Built-in or added printer name (see `realvision printers`)." };
        var config = new Option<FileInfo?>("--config") { Description = "Printer configuration file (workstation .xml) to use instead of --printer." };
        var preset = new Option<string?>("--preset") { Description = "Preset inside the printer configuration (default: Recommended, else the first)." };
        var set = new Option<string[]>("--set", "-s")
        {
            Description = "Override a setting: --set key=value, repeatable (see `realvision settings`).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var pointCloud = new Option<FileInfo[]>("--pointcloud")
        {
            Description = "Point-cloud (.pc) file a modifier's FileReference names, when it is not beside the workspace; repeatable.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var arrayDimensions = new Option<string?>("--array-dimensions")
        {
            Description = "Point-cloud grid size as NX,NY,NZ (cells along X, Y and Z).",
        };
        var opencl = new Option<string?>("--opencl") { Description = "Where point-cloud hardness values are sampled: on an OpenCL device (on), in managed code (off), or on a device when one exists (auto, the default)." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print no progress bar and no summary." };
        var plugins = CommonOptions.Plugins();
        var printers = CommonOptions.Printers();
        var templates = CommonOptions.Templates();
        var verbose = CommonOptions.Verbose();

        var command = new Command("slice", "Slice a model or workspace into G-code (or another loaded dialect).")
        {
            input, output, printer, config, preset, set, pointCloud, arrayDimensions, opencl, quiet, plugins, printers, templates, verbose,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var options = new Options(
                parseResult.GetValue(input)!,
                parseResult.GetValue(output),
                parseResult.GetValue(printer),
                parseResult.GetValue(config),
                parseResult.GetValue(preset),
                parseResult.GetValue(set) ?? Array.Empty<string>(),
                parseResult.GetValue(pointCloud) ?? Array.Empty<FileInfo>(),
                parseResult.GetValue(arrayDimensions),
                parseResult.GetValue(opencl),
                parseResult.GetValue(quiet),
                parseResult.GetValue(plugins),
                parseResult.GetValue(printers),
                parseResult.GetValue(templates),
                parseResult.GetValue(verbose));
            return Task.FromResult(Run(options, cancellationToken));
        });
        return command;
    }

    private sealed record Options(
        FileInfo Input, FileInfo? Output, string? Printer, FileInfo? Config, string? Preset, string[] Set,
        FileInfo[] PointClouds, string? ArrayDimensions, string? OpenCl,
        bool Quiet, string[]? Plugins, string[]? Printers, string[]? Templates, bool Verbose);

    private static int Run(Options options, CancellationToken cancellationToken)
    {
        if (options.Printer is not null && options.Config is not null)
        {
            Console.Error.WriteLine("realvision slice: use either --printer or --config, not both.");
            return ExitCodes.Usage;
        }

        Dictionary<string, string> settings;
        int[]? dimensions;
        try
        {
            settings = ParseSetOptions(options.Set);
            dimensions = ParseDimensions(options.ArrayDimensions);
            if (options.OpenCl is not null)
            {
                settings["opencl"] = options.OpenCl;
            }
        }
        catch (FormatException ex)
        {
            Console.Error.WriteLine($"realvision slice: {ex.Message}");
            return ExitCodes.Usage;
        }

        if (Directory.Exists(options.Input.FullName))
        {
            Console.Error.WriteLine($"error URE006: {options.Input.FullName} is a folder; give a model or workspace file.");
            return ExitCodes.InvalidInput;
        }

        if (options.Output is not null)
        {
            if (Directory.Exists(options.Output.FullName))
            {
                Console.Error.WriteLine($"realvision slice: the output {options.Output.FullName} is a folder; give a file name such as {Path.Combine(options.Output.FullName, Path.GetFileNameWithoutExtension(options.Input.Name) + ".gcode")}.");
                return ExitCodes.Usage;
            }

            if (string.Equals(Path.GetFullPath(options.Output.FullName), Path.GetFullPath(options.Input.FullName), StringComparison.Ordinal))
            {
                Console.Error.WriteLine($"realvision slice: the output {options.Output.FullName} is the input file; choose another output name so the model is not overwritten.");
                return ExitCodes.Usage;
            }
        }

        // Ctrl+C cancels the slice, so the temporary file is removed before the process ends.
        using var interrupted = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            interrupted.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        var stopwatch = Stopwatch.StartNew();
        string? temporaryPath = null;
        try
        {
            var engine = CommonOptions.CreateEngine(options.Plugins, options.Printers, options.Verbose, templateFolders: options.Templates);
            CommonOptions.ReportLoadProblems(engine);

            var request = new SliceRequest
            {
                InputPath = options.Input.FullName,
                InputName = options.Input.Name,
                Settings = settings,
                PrinterName = options.Printer,
                PrinterConfigPath = options.Config?.FullName,
                PresetName = options.Preset,
                SettingsSource = "--set",
                Files = options.PointClouds.ToDictionary(f => f.Name, f => f.FullName),
                ArrayDimensions = dimensions,
            };

            // Write next to the destination and rename on success, so a failed
            // run never leaves a partial file under the output name.
            string provisional = options.Output?.FullName
                ?? Path.Combine(Environment.CurrentDirectory, Path.GetFileNameWithoutExtension(options.Input.Name) + ".out");
            string directory = Path.GetDirectoryName(provisional)!;
            if (!Directory.Exists(directory))
            {
                Console.Error.WriteLine($"realvision slice: the output folder {directory} does not exist; create it first or choose another output path.");
                return ExitCodes.Usage;
            }

            temporaryPath = Path.Combine(directory, $".{Path.GetFileName(provisional)}.{Environment.ProcessId}.tmp");
            using var progress = new ProgressBar(enabled: !options.Quiet && !Console.IsErrorRedirected);
            SliceResult result;
            using (var stream = new FileStream(temporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                result = engine.Slice(request, stream, progress.Report, interrupted.Token);
            }

            progress.Clear();
            string destination = options.Output?.FullName
                ?? Path.Combine(Environment.CurrentDirectory, Path.GetFileNameWithoutExtension(options.Input.Name) + result.FileExtension);
            File.Move(temporaryPath, destination, overwrite: true);
            temporaryPath = null;
            if (!options.Quiet)
            {
                PrintSummary(destination, result, stopwatch.Elapsed);
            }

            // Warnings go to standard error, even with --quiet, so scripts see them.
            foreach (string warning in result.Warnings)
            {
                Console.Error.WriteLine($"warning: {warning}");
            }

            if (!string.Equals(Path.GetExtension(destination), result.FileExtension, StringComparison.OrdinalIgnoreCase))
            {
                Console.Error.WriteLine($"warning: {Path.GetFileName(destination)} contains {result.Dialect} output, whose usual extension is {result.FileExtension}.");
            }

            return ExitCodes.Success;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("realvision slice: cancelled; no output written.");
            return ExitCodes.Cancelled;
        }
        catch (RealVisionException ex)
        {
            Console.Error.WriteLine($"error {ex.ErrorCode}: {ex.Message}");
            Console.Error.WriteLine("No output written.");
            return ex is InputException or SettingsException ? ExitCodes.InvalidInput : ExitCodes.SlicingFailed;
        }
        catch (IOException ex)
        {
            Console.Error.WriteLine($"realvision slice: cannot write the output: {ex.Message}");
            return ExitCodes.SlicingFailed;
        }
        catch (UnauthorizedAccessException ex)
        {
            Console.Error.WriteLine($"realvision slice: cannot write the output: {ex.Message}");
            return ExitCodes.SlicingFailed;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
            if (temporaryPath is not null && File.Exists(temporaryPath))
            {
                File.Delete(temporaryPath);
            }
        }
    }

    /// <summary>Parses "key=value" pairs; throws FormatException naming the malformed one.</summary>
    internal static Dictionary<string, string> ParseSetOptions(IEnumerable<string> pairs)
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string pair in pairs)
        {
            int equals = pair.IndexOf('=');
            if (equals <= 0)
            {
                throw new FormatException($"--set '{pair}' is not of the form key=value (for example --set layer_height=0.1).");
            }

            settings[pair[..equals].Trim()] = pair[(equals + 1)..].Trim();
        }

        return settings;
    }

    /// <summary>Parses "NX,NY,NZ" into three positive counts; throws FormatException naming the value.</summary>
    internal static int[]? ParseDimensions(string? text)
    {
        if (text is null)
        {
            return null;
        }

        string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
        var counts = new int[3];
        if (parts.Length != 3 || !parts.Select((p, i) => int.TryParse(p, out counts[i]) && counts[i] > 0).All(ok => ok))
        {
            throw new FormatException($"--array-dimensions '{text}' must be three positive whole numbers NX,NY,NZ, such as 30,30,6.");
        }

        return counts;
    }

    private static void PrintSummary(string destination, SliceResult result, TimeSpan wallTime)
    {
        var stats = result.Statistics;
        var time = TimeSpan.FromSeconds(stats.EstimatedTimeS);
        var invariant = CultureInfo.InvariantCulture;
        Console.WriteLine($"Wrote {destination}");
        Console.WriteLine(string.Format(invariant, "  printer:         {0} ({1})", result.PrinterName, result.Dialect));
        Console.WriteLine(string.Format(invariant, "  layers:          {0}", stats.LayerCount));
        Console.WriteLine(string.Format(invariant, "  estimated time:  {0}h {1:00}m {2:00}s", (int)time.TotalHours, time.Minutes, time.Seconds));
        Console.WriteLine(string.Format(invariant, "  filament:        {0:0.00} m, {1:0.0} g, {2:0} mm³", stats.FilamentLengthMm / 1000, stats.FilamentWeightG, stats.FilamentVolumeMm3));
        Console.WriteLine(string.Format(invariant, "  wall time:       {0:0.00} s", wallTime.TotalSeconds));
    }
}
