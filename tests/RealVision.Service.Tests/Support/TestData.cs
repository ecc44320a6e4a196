using RealVision.Client;

namespace RealVision.Service.Tests.Support;

/// <summary>Test files (copied from tests/data) and request settings used across tests.</summary>
public static class TestData
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "data", name);

    public static byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));

    public static string Text(string name) => File.ReadAllText(PathOf(name));

    public static TaskFile Model(string name) => TaskFile.FromPath(PathOf(name));

    /// <summary>
    /// Settings that make calicat.rvwj slice for about 3 s on two cores (0.05 mm layers, 0.2 mm lines,
    /// solid infill), long enough to cancel it or kill its worker while it runs.
    /// </summary>
    public static IDictionary<string, object> SlowSettings() => new Dictionary<string, object>
    {
        ["layer_height"] = 0.05,
        ["first_layer_height"] = 0.05,
        ["line_width"] = 0.2,
        ["infill_density"] = 1,
    };

    /// <summary>A fresh folder under the system temp folder, deleted by the caller.</summary>
    public static string NewFolder(string purpose)
    {
        string folder = Path.Combine(Path.GetTempPath(), $"rv-service-tests-{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        return folder;
    }

    public static void DeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A process that was killed may still release its files; the temp folder is cleaned later.
        }
    }
}
