using RealVision.Engine.Pipeline;
using RealVision.Engine.Printers;

namespace RealVision.Service.Api;

/// <summary>
/// Turns a task's printer name and preset into the engine's request fields. A preset other than the
/// profile's default is read from the profile's own workstation file.
/// </summary>
public static class PrinterSelection
{
    /// <summary>Finds the printer profile and preset; throws the engine's URE003 when either is unknown.</summary>
    public static PrinterProfile Resolve(SlicingEngine engine, string? printerName, string? presetName)
    {
        PrinterProfile profile = engine.Printers.Find(string.IsNullOrWhiteSpace(printerName) ? PrinterCatalog.DefaultPrinter : printerName);
        if (NeedsOtherPreset(profile, presetName))
        {
            return WorkstationReader.Read(profile.Source, presetName);
        }

        return profile;
    }

    /// <summary>Sets PrinterName, or PrinterConfigPath and PresetName, on a copy of <paramref name="request"/>.</summary>
    public static SliceRequest Apply(SlicingEngine engine, SliceRequest request, string? printerName, string? presetName)
    {
        PrinterProfile profile = engine.Printers.Find(string.IsNullOrWhiteSpace(printerName) ? PrinterCatalog.DefaultPrinter : printerName);
        if (NeedsOtherPreset(profile, presetName))
        {
            return Copy(request, printerName: null, configPath: profile.Source, presetName: presetName);
        }

        return Copy(request, printerName: profile.Name, configPath: null, presetName: null);
    }

    private static bool NeedsOtherPreset(PrinterProfile profile, string? presetName) =>
        !string.IsNullOrWhiteSpace(presetName)
        && !string.Equals(presetName, profile.PresetName, StringComparison.OrdinalIgnoreCase);

    private static SliceRequest Copy(SliceRequest request, string? printerName, string? configPath, string? presetName) => new()
    {
        InputPath = request.InputPath,
        InputStream = request.InputStream,
        Format = request.Format,
        InputName = request.InputName,
        Settings = request.Settings,
        Files = request.Files,
        ArrayDimensions = request.ArrayDimensions,
        PrinterName = printerName,
        PrinterConfigPath = configPath,
        PresetName = presetName,
    };
}
