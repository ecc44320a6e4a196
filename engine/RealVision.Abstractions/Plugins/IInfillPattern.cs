using RealVision.Geometry;

namespace RealVision.Abstractions.Plugins;

/// <summary>Fills an area with open toolpaths (lines or polylines) at a density.</summary>
public interface IInfillPattern : IPlugin
{
    PluginKind IPlugin.Kind => PluginKind.InfillPattern;

    /// <summary>
    /// Returns the infill lines for one region, already clipped to
    /// <see cref="InfillRequest.Area"/>. Lines must follow one global frame
    /// (anchored at the origin, not at the region) so neighbouring regions line up.
    /// </summary>
    Paths64 Generate(InfillRequest request);
}

/// <summary>Inputs of one infill pattern call. Lengths are integer micrometres.</summary>
public sealed class InfillRequest
{
    /// <summary>Area to fill (outer contours counter-clockwise, holes clockwise).</summary>
    public required Paths64 Area { get; init; }

    /// <summary>Fraction of the area covered by material, 0 (exclusive) to 1.</summary>
    public required double Density { get; init; }

    /// <summary>Extrusion line width.</summary>
    public required long LineWidth { get; init; }

    /// <summary>Pattern angle in degrees, measured from the X axis.</summary>
    public double AngleDegrees { get; init; }

    /// <summary>Zero-based layer index.</summary>
    public int LayerIndex { get; init; }

    /// <summary>Height of the layer's slice plane.</summary>
    public long Z { get; init; }

    /// <summary>Layer thickness.</summary>
    public long LayerHeight { get; init; }
}
