namespace RealVision.Geometry;

/// <summary>Outer contours and holes nested as the polygon library found them.</summary>
public sealed class PolyTree64
{
    public List<PolyNode64> Children { get; } = new();

    /// <summary>
    /// Splits the tree into islands: each outer contour with its direct holes.
    /// Islands inside holes become islands of their own.
    /// </summary>
    public List<Paths64> Islands()
    {
        var islands = new List<Paths64>();
        var pending = new Stack<PolyNode64>(Children);
        while (pending.Count > 0)
        {
            PolyNode64 outer = pending.Pop();
            var island = new Paths64 { outer.Contour };
            foreach (PolyNode64 hole in outer.Children)
            {
                island.Add(hole.Contour);
                foreach (PolyNode64 inner in hole.Children)
                {
                    pending.Push(inner);
                }
            }

            islands.Add(island);
        }

        return islands;
    }
}

/// <summary>A contour in a <see cref="PolyTree64"/>; children of an outer contour are holes and vice versa.</summary>
public sealed class PolyNode64
{
    public PolyNode64(Path64 contour, bool isHole)
    {
        Contour = contour;
        IsHole = isHole;
    }

    public Path64 Contour { get; }

    public bool IsHole { get; }

    public List<PolyNode64> Children { get; } = new();
}
