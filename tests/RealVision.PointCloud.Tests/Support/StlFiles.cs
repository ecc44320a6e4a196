using RealVision.Abstractions.Model;
using RealVision.Abstractions.Plugins;
using RealVision.Engine.Pipeline;

namespace RealVision.PointCloud.Tests.Support;

/// <summary>Reads STL files with the engine's STL plugin, as the workspace command does.</summary>
public static class StlFiles
{
    public static Mesh Read(SlicingEngine engine, string path)
    {
        IInputFormat stl = engine.Plugins.FindInputFormat(".stl") ?? throw new InvalidOperationException("The STL plugin is not loaded.");
        using FileStream stream = File.OpenRead(path);
        return stl.Read(stream, new InputContext { FileName = Path.GetFileName(path) }).Models.Single().Mesh;
    }
}
