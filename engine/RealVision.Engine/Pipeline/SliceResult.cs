using RealVision.Abstractions.Toolpaths;

namespace RealVision.Engine.Pipeline;

/// <summary>What a finished slice produced, beside the bytes written to the output stream.</summary>
public sealed class SliceResult
{
    public required PrintStatistics Statistics { get; init; }

    /// <summary>Extension of the written format, with the dot (".gcode").</summary>
    public required string FileExtension { get; init; }

    public required string ContentType { get; init; }

    public required string PrinterName { get; init; }

    public required string Dialect { get; init; }

    public IReadOnlyList<string> Warnings => Statistics.Warnings;
}
