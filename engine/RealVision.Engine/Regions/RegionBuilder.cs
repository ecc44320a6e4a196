using RealVision.Geometry;

namespace RealVision.Engine.Regions;

/// <summary>Builds walls, skins and infill areas from layer outlines.</summary>
public sealed class RegionBuilder
{
    private readonly long lineWidth;
    private readonly int wallCount;
    private readonly int topLayers;
    private readonly int bottomLayers;

    public RegionBuilder(long lineWidth, int wallCount, int topLayers, int bottomLayers)
    {
        this.lineWidth = lineWidth;
        this.wallCount = wallCount;
        this.topLayers = topLayers;
        this.bottomLayers = bottomLayers;
    }

    /// <summary>
    /// Computes wall centre lines and the inner area in one native call: wall k
    /// runs at (k + 0.5) line widths inside the outline, the inner area starts
    /// at wallCount line widths. A part narrower than one line width gets no wall.
    /// </summary>
    public void BuildWalls(LayerRegions layer)
    {
        if (layer.Outline.Count == 0)
        {
            return;
        }

        if (wallCount == 0)
        {
            layer.InnerArea = layer.Outline;
            return;
        }

        var deltas = new double[wallCount + 1];
        for (int k = 0; k < wallCount; k++)
        {
            deltas[k] = -(k + 0.5) * lineWidth;
        }

        deltas[wallCount] = -wallCount * (double)lineWidth;
        Paths64[] offsets = Clipper.OffsetMany(layer.Outline, deltas, JoinType.Miter, miterLimit: 1.2);
        for (int k = 0; k < wallCount; k++)
        {
            if (offsets[k].Count > 0)
            {
                layer.Walls.Add(offsets[k]);
            }
        }

        layer.InnerArea = offsets[wallCount];
        AddThinWalls(layer, offsets[0]);
    }

    /// <summary>
    /// Finds the parts of the outline the outer wall does not reach (narrower
    /// than a line width) and gives each a loop whose extruded volume equals
    /// the part's: a part of area A and perimeter P is about A / P * 2 wide, so
    /// a loop around it at a quarter of that inset and half that width fills it.
    /// Parts that would need a line narrower than a quarter line width are dropped and counted.
    /// </summary>
    private void AddThinWalls(LayerRegions layer, Paths64 outerWall)
    {
        Paths64 reached = outerWall.Count == 0
            ? new Paths64()
            : Clipper.Offset(outerWall, lineWidth / 2.0 + 1, JoinType.Miter, miterLimit: 3);
        Paths64 missed = Clipper.Difference(layer.Outline, reached);
        if (missed.Count == 0)
        {
            return;
        }

        double minimumArea = (double)lineWidth * lineWidth / 4;
        foreach (Paths64 part in Clipper.UnionToTree(missed).Islands())
        {
            double area = Clipper.Area(part);
            if (area < minimumArea)
            {
                // Slivers at sharp corners of the outer wall, not features.
                continue;
            }

            double perimeter = part.Sum(Perimeter);
            double width = 2 * area / perimeter;
            if (width / 2 < lineWidth / 4.0)
            {
                layer.DroppedParts.Add(part[0][0]);
                continue;
            }

            Paths64 loops = Clipper.Offset(part, -width / 4, JoinType.Round);
            foreach (Path64 loop in loops.Count > 0 ? loops : part)
            {
                layer.ThinWalls.Add((loop, (long)Math.Min(lineWidth, Math.Round(width / 2))));
            }
        }
    }

    private static double Perimeter(Path64 path)
    {
        double length = 0;
        for (int i = 0; i < path.Count; i++)
        {
            length += path[i].DistanceTo(path[(i + 1) % path.Count]);
        }

        return length;
    }

    /// <summary>
    /// Splits the inner area into solid skin and sparse infill. A point needs
    /// skin unless the outlines of all <c>topLayers</c> layers above and all
    /// <c>bottomLayers</c> layers below cover it; layers beyond the stack count as empty.
    /// </summary>
    public void BuildSkinAndInfill(IReadOnlyList<LayerRegions> layers, int index)
    {
        LayerRegions layer = layers[index];
        if (layer.InnerArea.Count == 0)
        {
            return;
        }

        Paths64? covered = null;
        for (int offset = 1; offset <= topLayers || offset <= bottomLayers; offset++)
        {
            if (offset <= topLayers)
            {
                covered = Cover(covered, layers, index + offset);
            }

            if (offset <= bottomLayers)
            {
                covered = Cover(covered, layers, index - offset);
            }

            if (covered is { Count: 0 })
            {
                break;
            }
        }

        if (covered is null)
        {
            // No top or bottom layers requested: everything is sparse infill.
            layer.Infill = layer.InnerArea;
            return;
        }

        layer.Infill = covered.Count == 0 ? new Paths64() : Clipper.Intersect(layer.InnerArea, covered);
        layer.Skin = covered.Count == 0 ? layer.InnerArea : Clipper.Difference(layer.InnerArea, covered);
    }

    private static Paths64 Cover(Paths64? covered, IReadOnlyList<LayerRegions> layers, int neighbour)
    {
        if (neighbour < 0 || neighbour >= layers.Count)
        {
            return new Paths64();
        }

        Paths64 outline = layers[neighbour].Outline;
        return covered is null ? outline : Clipper.Intersect(covered, outline);
    }
}
