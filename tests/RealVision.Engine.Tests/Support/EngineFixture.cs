using RealVision.Engine.Pipeline;

namespace RealVision.Engine.Tests.Support;

/// <summary>One engine with the built-in plugins for all tests, and helpers to slice into a temporary folder.</summary>
public sealed class EngineFixture : IDisposable
{
    public EngineFixture()
    {
        Engine = ServiceCollectionExtensions.CreateEngine(options => options.RequirePluginFolders = true);
        Folder = Directory.CreateTempSubdirectory("realvision-tests-").FullName;
    }

    public SlicingEngine Engine { get; }

    public string Folder { get; }

    public static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "data", name);

    /// <summary>Slices <paramref name="input"/> to a G-code file and reads it back.</summary>
    public (SliceResult Result, GcodeAnalysis Gcode, string Path) Slice(string input, params (string Key, string Value)[] settings)
    {
        string output = Path.Combine(Folder, Guid.NewGuid().ToString("N") + ".gcode");
        var request = new SliceRequest
        {
            InputPath = input,
            Settings = settings.ToDictionary(s => s.Key, s => s.Value),
        };
        SliceResult result;
        using (var stream = File.Create(output))
        {
            result = Engine.Slice(request, stream);
        }

        return (result, GcodeAnalysis.Read(output), output);
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
