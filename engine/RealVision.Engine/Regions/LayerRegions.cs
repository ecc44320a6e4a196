using RealVision.Abstractions.Plugins;
using RealVision.Geometry;

namespace RealVision.Engine.Regions;

/// <summary>What one layer is made of, in micrometres.</summary>
public sealed class LayerRegions
{
    public LayerRegions(int index, Paths64 outline)
    {
        Index = index;
        Outline = outline;
    }

    public int Index { get; }

    /// <summary>The union of every printed model's cross-section.</summary>
    public Paths64 Outline { get; }

    /// <summary>Wall centre lines: element 0 is the outer wall, the last the innermost.</summary>
    public List<Paths64> Walls { get; } = new();

    /// <summary>
    /// Loops for parts narrower than one line width, which the outer wall
    /// misses: each prints once around the part at a reduced width.
    /// </summary>
    public List<(Path64 Loop, long Width)> ThinWalls { get; } = new();

    /// <summary>A point inside each part too narrow even for a thin wall, left unprinted.</summary>
    public List<Point64> DroppedParts { get; } = new();

    /// <summary>Area inside the innermost wall, to be filled by skin or infill.</summary>
    public Paths64 InnerArea { get; set; } = new();

    /// <summary>Solid top and bottom skin area.</summary>
    public Paths64 Skin { get; set; } = new();

    /// <summary>Sparse infill area.</summary>
    public Paths64 Infill { get; set; } = new();

    /// <summary>
    /// Parts of the sparse infill that modifiers changed, each with its density
    /// and pattern; the rest of <see cref="Infill"/> (<see cref="DefaultInfill"/>)
    /// uses the layer's settings.
    /// </summary>
    public List<InfillZone> ModifiedInfill { get; } = new();

    /// <summary>Sparse infill not covered by any modifier.</summary>
    public Paths64 DefaultInfill { get; set; } = new();

    /// <summary>True once modifiers were overlaid, so <see cref="DefaultInfill"/> is set.</summary>
    public bool Modifiers { get; set; }

    /// <summary>Outlines of the modifier models on this layer, in ascending slicing priority.</summary>
    public List<Paths64> ModifierOutlines { get; } = new();
}
