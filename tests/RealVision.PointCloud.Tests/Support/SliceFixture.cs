using RealVision.Engine;
using RealVision.Engine.Pipeline;

namespace RealVision.PointCloud.Tests.Support;

/// <summary>One engine, loading the plugins beside the tests as the CLI does, and a temporary folder.</summary>
public sealed class SliceFixture : IDisposable
{
    public SliceFixture()
    {
        Engine = ServiceCollectionExtensions.CreateEngine();
        Folder = Directory.CreateTempSubdirectory("realvision-pointcloud-tests-").FullName;
    }

    public SlicingEngine Engine { get; }

    public string Folder { get; }

    public static string Data(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "data", name);

    public string Path(string name) => System.IO.Path.Combine(Folder, name);

    /// <summary>Slices into a G-code file in the temporary folder and returns its path.</summary>
    public (SliceResult Result, string Output) Slice(
        string workspace, int[]? dimensions, IReadOnlyDictionary<string, string>? files = null, params (string Key, string Value)[] settings)
    {
        string output = Path(Guid.NewGuid().ToString("N") + ".gcode");
        using var stream = File.Create(output);
        SliceResult result = Engine.Slice(Request(workspace, dimensions, files, settings), stream);
        return (result, output);
    }

    public static SliceRequest Request(
        string workspace, int[]? dimensions, IReadOnlyDictionary<string, string>? files, params (string Key, string Value)[] settings) => new()
    {
        InputPath = workspace,
        ArrayDimensions = dimensions,
        Files = files ?? new Dictionary<string, string>(),
        Settings = settings.ToDictionary(s => s.Key, s => s.Value),
    };

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
