using RealVision.Geometry;

namespace RealVision.Workspaces;

/// <summary>
/// Moves models onto the bed as one group, as the vendor's workspace
/// generator (wsgenerator, which uses three.js) places a model: the
/// bounding-box centre of the printed objects goes to the target point in X
/// and Y, and their lowest point to Z = 0. Modifiers move with them.
/// </summary>
/// <remarks>
/// The generator stores vertices as 32-bit floats, rounding twice: after
/// subtracting the box centre and after adding the target position.
/// Repeating both roundings gives its output bit for bit (checked on its
/// cube and cat workspaces) and keeps coordinates at STL precision.
/// </remarks>
internal static class BedPlacement
{
    /// <param name="models">Triangle corners of each model.</param>
    /// <param name="definesBox">Which models the box and the lowest point come from.</param>
    public static Point3D[][] Place(IReadOnlyList<Point3D[]> models, IReadOnlyList<bool> definesBox, double targetX, double targetY)
    {
        Box3D box = Box3D.Empty;
        for (int m = 0; m < models.Count; m++)
        {
            if (definesBox[m])
            {
                foreach (Point3D corner in models[m])
                {
                    box = box.Include(corner);
                }
            }
        }

        double centreX = (box.Min.X + box.Max.X) * 0.5;
        double centreY = (box.Min.Y + box.Max.Y) * 0.5;
        double centreZ = (box.Min.Z + box.Max.Z) * 0.5;
        var centred = models.Select(corners => corners
            .Select(p => new Point3D(Single(p.X - centreX), Single(p.Y - centreY), Single(p.Z - centreZ)))
            .ToArray()).ToList();

        double lowest = double.PositiveInfinity;
        for (int m = 0; m < centred.Count; m++)
        {
            if (definesBox[m])
            {
                lowest = Math.Min(lowest, centred[m].Min(p => p.Z));
            }
        }

        double liftZ = -lowest;
        return centred.Select(corners => corners
            .Select(p => new Point3D(Single(p.X + targetX), Single(p.Y + targetY), Single(p.Z + liftZ)))
            .ToArray()).ToArray();
    }

    /// <summary>Rounds to the nearest 32-bit float; adding 0.0 turns -0 into 0, which JSON writers print as "-0".</summary>
    private static double Single(double value) => (double)(float)value + 0.0;
}
