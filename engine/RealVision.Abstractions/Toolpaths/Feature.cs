namespace RealVision.Abstractions.Toolpaths;

/// <summary>What an extrusion path is for; dialects mark it (`;TYPE:` in G-code).</summary>
public enum Feature
{
    Skirt,
    OuterWall,
    InnerWall,
    Skin,
    Infill,
}
