using System.Globalization;

namespace RealVision.Abstractions.Toolpaths;

/// <summary>What a dialect needs to write a file: settings, printer, totals known before the first layer.</summary>
public sealed class PrintJob
{
    /// <summary>Resolved settings (every setting, in its documented unit, as invariant-culture text).</summary>
    public required IReadOnlyDictionary<string, string> Settings { get; init; }

    public required string PrinterName { get; init; }

    /// <summary>Name of the input file or workspace.</summary>
    public required string InputName { get; init; }

    public required string EngineVersion { get; init; }

    public required PrintStatistics Statistics { get; init; }

    /// <summary>Folders searched for user templates before a dialect's own (first match wins).</summary>
    public IReadOnlyList<string> TemplateDirectories { get; init; } = Array.Empty<string>();

    public double GetNumber(string key) => double.Parse(GetText(key), CultureInfo.InvariantCulture);

    public bool GetBool(string key) => bool.Parse(GetText(key));

    public string GetText(string key) =>
        Settings.TryGetValue(key, out string? value)
            ? value
            : throw new KeyNotFoundException($"Setting '{key}' is not defined.");
}

/// <summary>Totals of a sliced print.</summary>
public sealed class PrintStatistics
{
    public int LayerCount { get; init; }

    public double EstimatedTimeS { get; init; }

    /// <summary>Filament pushed into the nozzle by extrusion moves (retractions excluded), mm.</summary>
    public double FilamentLengthMm { get; init; }

    public double FilamentVolumeMm3 { get; init; }

    public double FilamentWeightG { get; init; }

    /// <summary>Bounding box of all extrusion, mm: min X, min Y, max X, max Y.</summary>
    public double[] ExtrusionBoundsMm { get; init; } = new double[4];

    public IReadOnlyList<string> Warnings { get; init; } = Array.Empty<string>();
}
