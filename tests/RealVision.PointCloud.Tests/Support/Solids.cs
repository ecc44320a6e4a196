using System.Text.Json.Nodes;
using RealVision.Geometry;

namespace RealVision.PointCloud.Tests.Support;

/// <summary>Triangle lists of test solids and the workspace JSON that carries them.</summary>
public static class Solids
{
    /// <summary>Twelve triangles of an axis-aligned box, counter-clockwise seen from outside.</summary>
    public static Point3D[][] Box(double x0, double y0, double z0, double x1, double y1, double z1)
    {
        Point3D[] c =
        {
            new(x0, y0, z0), new(x1, y0, z0), new(x1, y1, z0), new(x0, y1, z0),
            new(x0, y0, z1), new(x1, y0, z1), new(x1, y1, z1), new(x0, y1, z1),
        };
        int[][] faces =
        {
            new[] { 0, 2, 1 }, new[] { 0, 3, 2 }, new[] { 4, 5, 6 }, new[] { 4, 6, 7 },
            new[] { 0, 1, 5 }, new[] { 0, 5, 4 }, new[] { 1, 2, 6 }, new[] { 1, 6, 5 },
            new[] { 2, 3, 7 }, new[] { 2, 7, 6 }, new[] { 3, 0, 4 }, new[] { 3, 4, 7 },
        };
        return faces.Select(f => new[] { c[f[0]], c[f[1]], c[f[2]] }).ToArray();
    }

    /// <summary>One workspace model; <paramref name="modifier"/> becomes metaData.Modifier when given.</summary>
    public static JsonObject Model(string name, Point3D[][] triangles, int priority = 0, string? fileReference = null, JsonObject? modifier = null)
    {
        var positions = new JsonArray();
        var indices = new JsonArray();
        foreach (Point3D p in triangles.SelectMany(t => t))
        {
            indices.Add(positions.Count);
            positions.Add(new JsonObject { ["X"] = p.X, ["Y"] = p.Y, ["Z"] = p.Z });
        }

        var metaData = new JsonObject
        {
            ["IsGroup"] = false,
            ["Path"] = "",
            ["Name"] = name,
            ["PrintingMaterial"] = 0,
            ["Watertight"] = "PerformCheck",
            ["SlicingPriority"] = priority,
        };
        if (priority > 0)
        {
            metaData["Modifier"] = modifier ?? new JsonObject();
        }

        if (fileReference is not null)
        {
            metaData["FileReference"] = fileReference;
        }

        return new JsonObject { ["metaData"] = metaData, ["ModelPositions"] = positions, ["ModelIndices"] = indices };
    }

    public static string WriteWorkspace(string path, params JsonObject[] models)
    {
        var document = new JsonObject
        {
            ["Printer"] = new JsonObject { ["Dummy"] = new JsonArray(3, 0, 1) },
            ["Models"] = new JsonArray(models),
            ["SelectedSupport"] = "none",
        };
        File.WriteAllText(path, document.ToJsonString());
        return path;
    }
}
