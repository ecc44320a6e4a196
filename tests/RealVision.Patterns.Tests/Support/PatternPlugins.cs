using Microsoft.Extensions.Logging.Abstractions;
using RealVision.Abstractions.Plugins;
using RealVision.Engine.Plugins;

namespace RealVision.Patterns.Tests.Support;

/// <summary>Loads the built-in plugins from the default plugin folder beside the tests, as the engine loads them.</summary>
public static class PatternPlugins
{
    /// <summary>The default plugin folder, holding the pattern plugin in its subfolder infill-patterns.</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "plugins");

    private static readonly Lazy<PluginCatalog> Catalog =
        new(() => PluginHost.Load(new[] { Folder }, NullLogger.Instance, requireFolders: true));

    public static PluginCatalog Load() => Catalog.Value;

    /// <summary>Returns the loaded pattern called <paramref name="name"/>, failing the test when it is missing.</summary>
    public static IInfillPattern Get(string name)
    {
        PluginCatalog catalog = Catalog.Value;
        Assert.Empty(catalog.Failures);
        IInfillPattern? pattern = catalog.FindInfillPattern(name);
        Assert.True(pattern is not null, $"no infill pattern '{name}' in {Folder}");
        return pattern;
    }
}
