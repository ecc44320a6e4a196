using System.Globalization;
using System.Text;
using RealVision.Engine;
using RealVision.Engine.Pipeline;
using RealVision.Engine.Tests.Support;

namespace RealVision.Patterns.Tests.Support;

/// <summary>
/// Slices a 40 mm cube with the engine's defaults (0.2 mm layers, 0.4 mm lines,
/// 2 walls, 3 top and 3 bottom layers, 1.75 mm filament) and measures the
/// sparse infill it extrudes.
/// </summary>
public sealed class CubeSlicer : IDisposable
{
    public const double CubeSizeMm = 40;
    public const double LayerHeightMm = 0.2;
    public const double FilamentDiameterMm = 1.75;

    /// <summary>Inner area of a layer: the cube's square less two 0.4 mm walls on every side.</summary>
    public const double InnerAreaMm2 = (CubeSizeMm - 2 * 2 * 0.4) * (CubeSizeMm - 2 * 2 * 0.4);

    /// <summary>Layers with sparse infill only: 200 layers less 3 bottom and 3 top solid layers.</summary>
    public const int SparseLayerCount = (int)(CubeSizeMm / LayerHeightMm) - 3 - 3;

    public CubeSlicer()
    {
        Folder = Directory.CreateTempSubdirectory("realvision-patterns-").FullName;
        CubePath = WriteCube(Path.Combine(Folder, "cube40.stl"), CubeSizeMm);
    }

    public string Folder { get; }

    public string CubePath { get; }

    /// <summary>Slices the cube with <paramref name="engine"/> and reads the G-code back.</summary>
    public GcodeAnalysis Slice(SlicingEngine engine, params (string Key, string Value)[] settings)
    {
        string output = Path.Combine(Folder, Guid.NewGuid().ToString("N") + ".gcode");
        using (FileStream stream = File.Create(output))
        {
            engine.Slice(
                new SliceRequest { InputPath = CubePath, Settings = settings.ToDictionary(s => s.Key, s => s.Value) },
                stream);
        }

        GcodeAnalysis gcode = GcodeAnalysis.Read(output);
        File.Delete(output);
        return gcode;
    }

    /// <summary>
    /// Sparse infill volume per layer (mm³) from the FILL moves of the layers
    /// that extrude infill and no skin.
    /// </summary>
    public static Dictionary<int, double> SparseFillVolumeByLayer(GcodeAnalysis gcode)
    {
        double filamentArea = Math.PI * FilamentDiameterMm * FilamentDiameterMm / 4;
        var skinLayers = gcode.Extrusions.Where(m => m.Feature == "SKIN").Select(m => m.Layer).ToHashSet();
        return gcode.Extrusions
            .Where(m => m.Feature == "FILL" && !skinLayers.Contains(m.Layer))
            .GroupBy(m => m.Layer)
            .ToDictionary(g => g.Key, g => g.Sum(m => m.FilamentMm) * filamentArea);
    }

    /// <summary>Writes an axis-aligned cube as ASCII STL, facets counter-clockwise seen from outside.</summary>
    public static string WriteCube(string path, double size)
    {
        double[][] corners =
        {
            new[] { 0.0, 0, 0 }, new[] { size, 0, 0 }, new[] { size, size, 0 }, new[] { 0.0, size, 0 },
            new[] { 0.0, 0, size }, new[] { size, 0, size }, new[] { size, size, size }, new[] { 0.0, size, size },
        };
        int[][] facets =
        {
            new[] { 0, 2, 1 }, new[] { 0, 3, 2 }, // bottom
            new[] { 4, 5, 6 }, new[] { 4, 6, 7 }, // top
            new[] { 0, 1, 5 }, new[] { 0, 5, 4 }, // y = 0
            new[] { 1, 2, 6 }, new[] { 1, 6, 5 }, // x = size
            new[] { 2, 3, 7 }, new[] { 2, 7, 6 }, // y = size
            new[] { 3, 0, 4 }, new[] { 3, 4, 7 }, // x = 0
        };
        var text = new StringBuilder("solid cube\n");
        foreach (int[] facet in facets)
        {
            text.Append("  facet normal 0 0 0\n    outer loop\n");
            foreach (int corner in facet)
            {
                double[] v = corners[corner];
                text.Append(string.Format(CultureInfo.InvariantCulture, "      vertex {0} {1} {2}\n", v[0], v[1], v[2]));
            }

            text.Append("    endloop\n  endfacet\n");
        }

        text.Append("endsolid cube\n");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
