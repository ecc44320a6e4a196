using System.Reflection;
using System.Runtime.Loader;

namespace RealVision.Geometry.Tests;

public class NativeLoadingTests
{
    private const string LibraryFileName = "librvclip.so";

    [Fact]
    public void LibraryIsCopiedToReferencingProject()
    {
        Assert.True(
            File.Exists(Path.Combine(AppContext.BaseDirectory, LibraryFileName)),
            $"{LibraryFileName} is missing from {AppContext.BaseDirectory}");
    }

    [Fact]
    public void PluginContextLoadsLibraryNextToAssembly()
    {
        // A plugin folder holding its own copy of the Geometry assembly and the native library,
        // loaded into a separate context as a plugin loader would.
        string pluginDirectory = Directory.CreateTempSubdirectory("rvclip-plugin-").FullName;
        try
        {
            string geometryPath = typeof(Clipper).Assembly.Location;
            string pluginGeometryPath = Path.Combine(pluginDirectory, Path.GetFileName(geometryPath));
            string pluginLibraryPath = Path.Combine(pluginDirectory, LibraryFileName);
            File.Copy(geometryPath, pluginGeometryPath);
            File.Copy(Path.Combine(Path.GetDirectoryName(geometryPath)!, LibraryFileName), pluginLibraryPath);

            var context = new AssemblyLoadContext("rvclip-plugin-test");
            Assembly pluginGeometry = context.LoadFromAssemblyPath(pluginGeometryPath);
            Assert.NotSame(typeof(Clipper).Assembly, pluginGeometry);

            Assert.Equal(100.0 * 100.0, AreaOfSquare(pluginGeometry, 100));

            // The copy in the plugin folder, not the one next to the test assembly, is mapped into the process.
            Assert.Contains(pluginLibraryPath, File.ReadAllText("/proc/self/maps"));
        }
        finally
        {
            Directory.Delete(pluginDirectory, recursive: true);
        }
    }

    /// <summary>Calls Clipper.Area on a square through reflection, because the plugin's types differ from the test's.</summary>
    private static double AreaOfSquare(Assembly geometry, long side)
    {
        Type pointType = geometry.GetType("RealVision.Geometry.Point64", throwOnError: true)!;
        Type pathType = geometry.GetType("RealVision.Geometry.Path64", throwOnError: true)!;
        Type clipperType = geometry.GetType("RealVision.Geometry.Clipper", throwOnError: true)!;
        object path = Activator.CreateInstance(pathType)!;
        MethodInfo add = pathType.GetMethod("Add")!;
        foreach ((long x, long y) in new[] { (0L, 0L), (side, 0L), (side, side), (0L, side) })
        {
            add.Invoke(path, [Activator.CreateInstance(pointType, x, y)]);
        }

        MethodInfo area = clipperType.GetMethod("Area", [pathType])!;
        return (double)area.Invoke(null, [path])!;
    }
}
