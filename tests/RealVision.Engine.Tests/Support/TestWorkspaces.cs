using System.Text.Json.Nodes;

namespace RealVision.Engine.Tests.Support;

/// <summary>Builds workspace (.rvwj) JSON documents from triangle lists, as the REALvision generator writes them.</summary>
public static class TestWorkspaces
{
    public static JsonObject Model(string name, IEnumerable<double[][]> triangles, int priority = 0, JsonObject? modifier = null, string? fileReference = null)
    {
        var positions = new JsonArray();
        var indices = new JsonArray();
        int index = 0;
        foreach (double[][] triangle in triangles)
        {
            foreach (double[] v in triangle)
            {
                positions.Add(new JsonObject { ["X"] = v[0], ["Y"] = v[1], ["Z"] = v[2] });
                indices.Add(index++);
            }
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
        if (modifier is not null)
        {
            metaData["Modifier"] = modifier;
        }

        if (fileReference is not null)
        {
            metaData["FileReference"] = fileReference;
        }

        return new JsonObject
        {
            ["metaData"] = metaData,
            ["ModelPositions"] = positions,
            ["ModelIndices"] = indices,
        };
    }

    public static string Write(string path, params JsonObject[] models)
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
