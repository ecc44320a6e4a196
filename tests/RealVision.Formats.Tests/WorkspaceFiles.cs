using System.Globalization;
using System.Text;
using RealVision.Abstractions.Model;
using RealVision.Abstractions.Plugins;
using RealVision.Formats.Rvwj;
using RealVision.Geometry;

namespace RealVision.Formats.Tests;

/// <summary>Writes workspace JSON test inputs and runs the workspace reader on them.</summary>
public static class WorkspaceFiles
{
    /// <summary>Returns a workspace document around the given model objects.</summary>
    public static string Document(params string[] models) =>
        "{\"Printer\":{\"Dummy\":[3,0,1]},\"Models\":[" + string.Join(",", models) + "],\"SelectedSupport\":\"none\"}";

    /// <summary>Returns a model object with the given metaData members and mesh arrays.</summary>
    public static string Model(string meta, IEnumerable<Point3D> positions, IEnumerable<int> indices, string extra = "") =>
        "{\"metaData\":{" + meta + "}," + extra
        + "\"BoundsPositions\":[{\"X\":0,\"Y\":0,\"Z\":0}],\"BoundsIndices\":[0],"
        + "\"ModelPositions\":[" + string.Join(",", positions.Select(Vertex)) + "],"
        + "\"ModelIndices\":[" + string.Join(",", indices) + "]}";

    /// <summary>Returns a model whose corners are listed once per triangle, in order, as the generator writes them.</summary>
    public static string FlatModel(string meta, IReadOnlyList<Triangle> triangles, string extra = "") =>
        Model(meta, triangles.SelectMany(t => new[] { t.A, t.B, t.C }), Enumerable.Range(0, triangles.Count * 3), extra);

    public static string Vertex(Point3D p) =>
        $"{{\"X\":{Number(p.X)},\"Y\":{Number(p.Y)},\"Z\":{Number(p.Z)}}}";

    public static Workspace Read(string json, string fileName = "plate.rvwj", IList<string>? warnings = null) =>
        Read(Encoding.UTF8.GetBytes(json), fileName, warnings);

    public static Workspace Read(byte[] data, string fileName = "plate.rvwj", IList<string>? warnings = null)
    {
        var context = new InputContext { FileName = fileName, Warnings = warnings ?? new List<string>() };
        return new WorkspaceFormat().Read(new MemoryStream(data, writable: false), context);
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
