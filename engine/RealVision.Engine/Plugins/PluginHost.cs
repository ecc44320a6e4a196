using System.Reflection;
using System.Runtime.Loader;
using McMaster.NETCore.Plugins.Loader;
using Microsoft.Extensions.Logging;
using RealVision.Abstractions.Plugins;
using RealVision.Geometry;

namespace RealVision.Engine.Plugins;

/// <summary>
/// Loads plugin assemblies from folders with McMaster.NETCore.Plugins. Each
/// plugin gets its own load context; only RealVision.Abstractions and
/// RealVision.Geometry are shared with the host, so every plugin sees the
/// host's copy of the contract and polygon types.
/// </summary>
public static class PluginHost
{
    /// <summary>Environment variable with extra plugin folders, separated by the path separator (':' on Linux).</summary>
    public const string PathVariable = "REALVISION_PLUGIN_PATH";

    private static readonly Type[] SharedTypes = { typeof(IPlugin), typeof(Point64) };

    /// <summary>The default folder beside the engine binaries.</summary>
    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "plugins");

    /// <summary>Plugin folders in load order: the default, then REALVISION_PLUGIN_PATH, then <paramref name="extraFolders"/>.</summary>
    public static IReadOnlyList<string> ResolveFolders(IEnumerable<string>? extraFolders, bool includeDefault = true)
    {
        var folders = new List<string>();
        if (includeDefault)
        {
            folders.Add(DefaultFolder);
        }

        string? fromEnvironment = Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            folders.AddRange(fromEnvironment.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        }

        if (extraFolders is not null)
        {
            folders.AddRange(extraFolders);
        }

        return folders.Select(Path.GetFullPath).Distinct().ToList();
    }

    /// <summary>
    /// Loads every plugin found in <paramref name="folders"/>. A folder holds
    /// plugin assemblies directly, or one subfolder per plugin whose main
    /// assembly is the one with a .deps.json file. A file that fails to load
    /// is recorded in <see cref="PluginCatalog.Failures"/> and logged; the others still load.
    /// </summary>
    public static PluginCatalog Load(IEnumerable<string> folders, ILogger logger, bool requireFolders = false)
    {
        var catalog = new PluginCatalog();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string folder in folders)
        {
            if (!Directory.Exists(folder))
            {
                if (requireFolders)
                {
                    catalog.AddFailure(new PluginLoadFailure(folder, "plugin folder does not exist"));
                }

                logger.LogDebug("Plugin folder {Folder} does not exist", folder);
                continue;
            }

            foreach (string assemblyPath in FindPluginAssemblies(folder))
            {
                if (seen.Add(Path.GetFileName(assemblyPath)))
                {
                    LoadAssembly(assemblyPath, catalog, logger);
                }
                else
                {
                    logger.LogDebug("Skipped {Path}: an assembly of the same name is already loaded", assemblyPath);
                }
            }
        }

        return catalog;
    }

    private static IEnumerable<string> FindPluginAssemblies(string folder)
    {
        foreach (string file in Directory.EnumerateFiles(folder, "*.dll").Order(StringComparer.Ordinal))
        {
            yield return file;
        }

        foreach (string subfolder in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
        {
            string[] depsFiles = Directory.GetFiles(subfolder, "*.deps.json");
            if (depsFiles.Length > 0)
            {
                foreach (string deps in depsFiles.Order(StringComparer.Ordinal))
                {
                    string assembly = deps[..^".deps.json".Length] + ".dll";
                    if (File.Exists(assembly))
                    {
                        yield return assembly;
                    }
                }
            }
            else
            {
                foreach (string file in Directory.EnumerateFiles(subfolder, "*.dll").Order(StringComparer.Ordinal))
                {
                    yield return file;
                }
            }
        }
    }

    private static void LoadAssembly(string assemblyPath, PluginCatalog catalog, ILogger logger)
    {
        string name = Path.GetFileNameWithoutExtension(assemblyPath);
        if (name is "RealVision.Abstractions" or "RealVision.Geometry")
        {
            return;
        }

        try
        {
            Assembly assembly = CreateLoadContext(assemblyPath).LoadFromAssemblyPath(assemblyPath);
            Type[] types = GetLoadableTypes(assembly);
            int count = 0;
            foreach (Type type in types)
            {
                if (!type.IsAbstract && !type.IsInterface && typeof(IPlugin).IsAssignableFrom(type)
                    && type.GetConstructor(Type.EmptyTypes) is not null)
                {
                    var plugin = (IPlugin)Activator.CreateInstance(type)!;
                    catalog.Add(new LoadedPlugin(plugin, assemblyPath));
                    logger.LogDebug("Loaded {Kind} plugin {Name} {Version} from {Path}", plugin.Kind, plugin.Name, plugin.Version, assemblyPath);
                    count++;
                }
            }

            if (count == 0)
            {
                ReportFailure(catalog, logger, assemblyPath,
                    "contains no public class implementing RealVision.Abstractions.Plugins.IPlugin with a parameterless constructor; it may be built against another version of RealVision.Abstractions");
            }
        }
        catch (BadImageFormatException ex)
        {
            ReportFailure(catalog, logger, assemblyPath, $"not a .NET assembly, or one built for another platform ({ex.Message})");
        }
        catch (Exception ex) when (ex is FileLoadException or FileNotFoundException
            or ReflectionTypeLoadException or TypeLoadException or MissingMethodException or TargetInvocationException
            or InvalidOperationException or InvalidCastException)
        {
            ReportFailure(catalog, logger, assemblyPath, ex.Message);
        }
    }

    /// <summary>
    /// Builds the plugin's load context with McMaster's builder, set up as
    /// <c>PluginLoader.CreateFromAssemblyFile(path, SharedTypes, c => c.PreferSharedTypes = true)</c>
    /// would, less one step: that loader also parses the host's runtimeconfig.json
    /// for every plugin with reflection-based JSON, for probing paths that only
    /// development builds carry. That parse took about 40 ms of each run here.
    /// </summary>
    private static AssemblyLoadContext CreateLoadContext(string assemblyPath)
    {
        var builder = new AssemblyLoadContextBuilder()
            .SetMainAssemblyPath(assemblyPath)
            .SetDefaultContext(AssemblyLoadContext.GetLoadContext(typeof(PluginHost).Assembly) ?? AssemblyLoadContext.Default)
            .PreferDefaultLoadContext(true);
        foreach (Assembly shared in SharedTypes.Select(t => t.Assembly).Distinct())
        {
            builder.PreferDefaultLoadContextAssembly(shared.GetName());
        }

        return builder.Build();
    }

    private static Type[] GetLoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetExportedTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            string reason = ex.LoaderExceptions.FirstOrDefault(e => e is not null)?.Message ?? ex.Message;
            throw new TypeLoadException($"types could not be loaded ({reason}); the plugin may be built against an incompatible RealVision.Abstractions", ex);
        }
    }

    private static void ReportFailure(PluginCatalog catalog, ILogger logger, string path, string message)
    {
        catalog.AddFailure(new PluginLoadFailure(path, message));
        logger.LogWarning("Plugin {Path} was not loaded: {Reason}", path, message);
    }
}
