using System.Globalization;
using RealVision.Geometry;
using RealVision.Workspaces.Hulls;

namespace RealVision.Workspaces;

/// <summary>
/// Builds the models of a workspace from meshes: checks each model's role,
/// places the group on the bed (<see cref="BedPlacement"/>), optionally adds
/// a box modifier around the printed objects, and computes every model's
/// convex hull for BoundsPositions and BoundsIndices.
/// </summary>
public static class WorkspaceGenerator
{
    // Coordinates this far outside the bed (mm) are float rounding, not misplacement. The engine allows the same.
    private const double BedToleranceMm = 0.001;

    /// <summary>Name of the box modifier that <see cref="Generate"/> adds around the objects.</summary>
    public const string EnclosingBoxName = "modifier-box";

    /// <param name="models">Models in output order.</param>
    /// <param name="layout">Bed size and target point.</param>
    /// <param name="enclosingModifier">
    /// When set, a box modifier with this role is added after the models,
    /// spanning the placed objects' bounding box exactly, so a point cloud's
    /// grid covers the objects.
    /// </param>
    /// <exception cref="WorkspaceGenerationException">A role is invalid, a model is flat, or the objects leave the bed.</exception>
    public static IReadOnlyList<GeneratedModel> Generate(IReadOnlyList<ModelSource> models, BedLayout layout, ModelRole? enclosingModifier = null)
    {
        if (models.Count == 0)
        {
            throw new WorkspaceGenerationException("No model given; name at least one STL file.");
        }

        foreach (ModelSource model in models)
        {
            CheckRole(model.Name, model.Role);
            if (model.Mesh.TriangleCount == 0)
            {
                throw new WorkspaceGenerationException($"Model '{model.Name}' has no triangles.");
            }
        }

        bool anyObject = models.Any(m => !m.Role.IsModifier);
        if (enclosingModifier is not null)
        {
            CheckRole(EnclosingBoxName, enclosingModifier);
            if (!enclosingModifier.IsModifier)
            {
                throw new WorkspaceGenerationException("The enclosing box must be a modifier (SlicingPriority above 0).");
            }

            if (!anyObject)
            {
                throw new WorkspaceGenerationException("A box modifier around the objects needs at least one object (an STL that is not a modifier).");
            }
        }

        Point3D[][] placed = BedPlacement.Place(
            models.Select(Corners).ToList(),
            models.Select(m => !anyObject || !m.Role.IsModifier).ToList(),
            layout.CentreX ?? layout.BedWidth / 2,
            layout.CentreY ?? layout.BedDepth / 2);

        var result = new List<GeneratedModel>();
        for (int m = 0; m < models.Count; m++)
        {
            if (!models[m].Role.IsModifier)
            {
                CheckOnBed(models[m].Name, placed[m], layout);
            }

            result.Add(Model(models[m].Name, models[m].Role, placed[m]));
        }

        if (enclosingModifier is not null)
        {
            Box3D box = Box3D.Empty;
            for (int m = 0; m < models.Count; m++)
            {
                if (!models[m].Role.IsModifier)
                {
                    box = placed[m].Aggregate(box, (current, p) => current.Include(p));
                }
            }

            result.Add(Model(EnclosingBoxName, enclosingModifier, BoxCorners(box)));
        }

        return result;
    }

    private static GeneratedModel Model(string name, ModelRole role, Point3D[] corners)
    {
        if (!ConvexHull.TryCompute(corners, out ConvexHull hull))
        {
            throw new WorkspaceGenerationException(
                $"Model '{name}' is flat: all its vertices lie on one plane, so it encloses no volume. Export it as a closed solid.");
        }

        return new GeneratedModel { Name = name, Role = role, Corners = corners, Hull = hull };
    }

    private static Point3D[] Corners(ModelSource model)
    {
        int[] indices = model.Mesh.Indices;
        var corners = new Point3D[indices.Length];
        for (int n = 0; n < indices.Length; n++)
        {
            corners[n] = model.Mesh.Vertices[indices[n]];
        }

        return corners;
    }

    private static void CheckRole(string name, ModelRole role)
    {
        if (role.SlicingPriority < 0)
        {
            throw new WorkspaceGenerationException($"Model '{name}': SlicingPriority {role.SlicingPriority} is negative; use 0 for an object or a positive number for a modifier.");
        }

        if (!role.IsModifier)
        {
            if (role.FillDensityFactor is not null || role.FileReference is not null)
            {
                throw new WorkspaceGenerationException($"Model '{name}' has modifier settings but SlicingPriority 0; a modifier needs a positive priority.");
            }

            return;
        }

        if ((role.FillDensityFactor is null) == (role.FileReference is null))
        {
            throw new WorkspaceGenerationException($"Modifier '{name}' needs exactly one of a fill density (0 to 1) and a point-cloud file.");
        }

        if (role.FillDensityFactor is double factor && !(factor >= 0 && factor <= 1))
        {
            throw new WorkspaceGenerationException(
                $"Modifier '{name}': fill density {factor.ToString(CultureInfo.InvariantCulture)} is outside 0 to 1; use 0 for no infill up to 1 for solid.");
        }

        if (role.FileReference is string reference
            && (string.IsNullOrWhiteSpace(reference) || reference is "." or ".." || reference.IndexOfAny(new[] { '/', '\\' }) >= 0))
        {
            throw new WorkspaceGenerationException(
                $"Modifier '{name}': point-cloud reference '{reference}' is not a bare file name; the workspace stores the file's name without a folder.");
        }
    }

    private static void CheckOnBed(string name, Point3D[] corners, BedLayout layout)
    {
        double minX = corners.Min(p => p.X), maxX = corners.Max(p => p.X);
        double minY = corners.Min(p => p.Y), maxY = corners.Max(p => p.Y);
        if (minX < -BedToleranceMm || minY < -BedToleranceMm
            || maxX > layout.BedWidth + BedToleranceMm || maxY > layout.BedDepth + BedToleranceMm)
        {
            string extent = string.Create(CultureInfo.InvariantCulture,
                $"X {minX:0.###}..{maxX:0.###} and Y {minY:0.###}..{maxY:0.###} mm, outside the bed 0..{layout.BedWidth:0.###} x 0..{layout.BedDepth:0.###} mm");
            throw new WorkspaceGenerationException(
                $"Model '{name}' would span {extent}. Move it with --at X,Y, or choose a printer with a larger bed.");
        }
    }

    /// <summary>Twelve triangles of the box, counter-clockwise seen from outside.</summary>
    private static Point3D[] BoxCorners(Box3D box)
    {
        double x0 = box.Min.X, y0 = box.Min.Y, z0 = box.Min.Z, x1 = box.Max.X, y1 = box.Max.Y, z1 = box.Max.Z;
        Point3D[] c =
        {
            new(x0, y0, z0), new(x1, y0, z0), new(x1, y1, z0), new(x0, y1, z0),
            new(x0, y0, z1), new(x1, y0, z1), new(x1, y1, z1), new(x0, y1, z1),
        };
        int[] faces =
        {
            0, 2, 1, 0, 3, 2, // bottom, facing -Z
            4, 5, 6, 4, 6, 7, // top, facing +Z
            0, 1, 5, 0, 5, 4, // front, facing -Y
            1, 2, 6, 1, 6, 5, // right, facing +X
            2, 3, 7, 2, 7, 6, // back, facing +Y
            3, 0, 4, 3, 4, 7, // left, facing -X
        };
        return faces.Select(index => c[index]).ToArray();
    }
}
