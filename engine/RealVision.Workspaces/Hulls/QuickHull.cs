using RealVision.Geometry;

namespace RealVision.Workspaces.Hulls;

/// <summary>
/// Quickhull in 3D (Barber, Dobkin and Huhdanpaa, 1996) over distinct points,
/// with <see cref="ExactPredicates.Orient"/> deciding every "outside" test.
/// Faces are triangles of point indices, counter-clockwise seen from outside.
/// </summary>
internal sealed class QuickHull
{
    private readonly Point3D[] points;
    private readonly List<Face> faces = new();

    // Directed edge (from, to) to the live face that contains it.
    private readonly Dictionary<long, Face> faceByEdge = new();

    public QuickHull(Point3D[] points)
    {
        this.points = points;
    }

    /// <summary>Builds the hull; false when the points span no volume.</summary>
    public bool Build()
    {
        int[]? simplex = InitialSimplex();
        if (simplex is null)
        {
            return false;
        }

        CreateSimplexFaces(simplex);
        var simplexPoints = new HashSet<int>(simplex);
        AssignOutside(Enumerable.Range(0, points.Length).Where(i => !simplexPoints.Contains(i)), faces.ToList());

        var pending = new Stack<Face>(faces.Where(f => f.Outside.Count > 0));
        while (pending.Count > 0)
        {
            Face face = pending.Pop();
            if (face.Deleted || face.Outside.Count == 0)
            {
                continue;
            }

            int apex = Farthest(face);
            foreach (Face created in AddPoint(face, apex))
            {
                if (created.Outside.Count > 0)
                {
                    pending.Push(created);
                }
            }
        }

        return true;
    }

    /// <summary>The hull's triangles as point indices.</summary>
    public List<int[]> Faces() => faces.Where(f => !f.Deleted).Select(f => new[] { f.A, f.B, f.C }).ToList();

    /// <summary>
    /// Four points spanning a volume: extremes along X, then the point
    /// farthest from their line, then the point farthest from that plane. The
    /// choice uses doubles, and the exact tests confirm it.
    /// </summary>
    private int[]? InitialSimplex()
    {
        if (points.Length < 4)
        {
            return null;
        }

        int first = 0, last = 0;
        for (int i = 1; i < points.Length; i++)
        {
            if (Compare(points[i], points[first]) < 0)
            {
                first = i;
            }

            if (Compare(points[i], points[last]) > 0)
            {
                last = i;
            }
        }

        Point3D a = points[first], b = points[last];
        int third = -1;
        double bestArea = -1;
        for (int i = 0; i < points.Length; i++)
        {
            double area = CrossLengthSquared(a, b, points[i]);
            if (area > bestArea && !ExactPredicates.Collinear(a, b, points[i]))
            {
                bestArea = area;
                third = i;
            }
        }

        if (third < 0)
        {
            return null;
        }

        Point3D c = points[third];
        int fourth = -1;
        double bestVolume = -1;
        for (int i = 0; i < points.Length; i++)
        {
            double volume = Math.Abs(Volume(a, b, c, points[i]));
            if (volume > bestVolume && ExactPredicates.Orient(a, b, c, points[i]) != 0)
            {
                bestVolume = volume;
                fourth = i;
            }
        }

        return fourth < 0 ? null : new[] { first, last, third, fourth };
    }

    private void CreateSimplexFaces(int[] s)
    {
        int[][] triples = { new[] { s[0], s[1], s[2], s[3] }, new[] { s[0], s[1], s[3], s[2] }, new[] { s[0], s[2], s[3], s[1] }, new[] { s[1], s[2], s[3], s[0] } };
        foreach (int[] t in triples)
        {
            // The fourth point must lie below each face, so faces point outward.
            bool flip = ExactPredicates.Orient(points[t[0]], points[t[1]], points[t[2]], points[t[3]]) > 0;
            AddFace(t[0], flip ? t[2] : t[1], flip ? t[1] : t[2]);
        }
    }

    /// <summary>
    /// Adds <paramref name="apex"/>, which lies outside <paramref name="seed"/>:
    /// removes every face the apex lies strictly above and connects the edges
    /// of that region's border (the horizon) to it.
    /// </summary>
    private List<Face> AddPoint(Face seed, int apex)
    {
        var visible = new List<Face> { seed };
        var horizon = new List<(int From, int To)>();
        seed.Visited = true;
        for (int n = 0; n < visible.Count; n++)
        {
            Face face = visible[n];
            foreach ((int from, int to) in face.Edges())
            {
                Face neighbour = faceByEdge[Key(to, from)];
                if (neighbour.Visited)
                {
                    continue;
                }

                if (Above(neighbour, apex))
                {
                    neighbour.Visited = true;
                    visible.Add(neighbour);
                }
                else
                {
                    horizon.Add((from, to));
                }
            }
        }

        var orphans = new List<int>();
        foreach (Face face in visible)
        {
            face.Deleted = true;
            foreach ((int from, int to) in face.Edges())
            {
                faceByEdge.Remove(Key(from, to));
            }

            orphans.AddRange(face.Outside.Where(p => p != apex));
            face.Outside.Clear();
        }

        var created = new List<Face>(horizon.Count);
        foreach ((int from, int to) in horizon)
        {
            created.Add(AddFace(from, to, apex));
        }

        // A point outside a removed face is either inside the new hull or outside one of the new faces.
        AssignOutside(orphans, created);
        return created;
    }

    private Face AddFace(int a, int b, int c)
    {
        var face = new Face(a, b, c);
        faces.Add(face);
        foreach ((int from, int to) in face.Edges())
        {
            faceByEdge.Add(Key(from, to), face);
        }

        return face;
    }

    private void AssignOutside(IEnumerable<int> candidates, List<Face> targets)
    {
        foreach (int point in candidates)
        {
            foreach (Face face in targets)
            {
                if (Above(face, point))
                {
                    face.Outside.Add(point);
                    break;
                }
            }
        }
    }

    private int Farthest(Face face)
    {
        Point3D a = points[face.A], b = points[face.B], c = points[face.C];
        int best = face.Outside[0];
        double bestDistance = double.NegativeInfinity;
        foreach (int point in face.Outside)
        {
            double distance = Volume(a, b, c, points[point]);
            if (distance > bestDistance)
            {
                bestDistance = distance;
                best = point;
            }
        }

        return best;
    }

    private bool Above(Face face, int point) =>
        ExactPredicates.Orient(points[face.A], points[face.B], points[face.C], points[point]) > 0;

    private static long Key(int from, int to) => ((long)from << 32) | (uint)to;

    private static int Compare(Point3D p, Point3D q)
    {
        int byX = p.X.CompareTo(q.X);
        if (byX != 0)
        {
            return byX;
        }

        int byY = p.Y.CompareTo(q.Y);
        return byY != 0 ? byY : p.Z.CompareTo(q.Z);
    }

    private static double CrossLengthSquared(Point3D a, Point3D b, Point3D p)
    {
        double bx = b.X - a.X, by = b.Y - a.Y, bz = b.Z - a.Z;
        double px = p.X - a.X, py = p.Y - a.Y, pz = p.Z - a.Z;
        double x = by * pz - bz * py, y = bz * px - bx * pz, z = bx * py - by * px;
        return x * x + y * y + z * z;
    }

    /// <summary>Six times the signed volume of tetrahedron a, b, c, p, in doubles; used only to rank candidates.</summary>
    private static double Volume(Point3D a, Point3D b, Point3D c, Point3D p)
    {
        double bx = b.X - a.X, by = b.Y - a.Y, bz = b.Z - a.Z;
        double cx = c.X - a.X, cy = c.Y - a.Y, cz = c.Z - a.Z;
        double px = p.X - a.X, py = p.Y - a.Y, pz = p.Z - a.Z;
        return bx * (cy * pz - cz * py) - by * (cx * pz - cz * px) + bz * (cx * py - cy * px);
    }

    private sealed class Face
    {
        public Face(int a, int b, int c)
        {
            A = a;
            B = b;
            C = c;
        }

        public int A { get; }

        public int B { get; }

        public int C { get; }

        public List<int> Outside { get; } = new();

        public bool Deleted { get; set; }

        /// <summary>Set while a point is added, for faces found visible from it; faces are never reused after.</summary>
        public bool Visited { get; set; }

        public (int From, int To)[] Edges() => new[] { (A, B), (B, C), (C, A) };
    }
}
