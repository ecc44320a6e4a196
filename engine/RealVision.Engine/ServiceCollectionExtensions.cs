using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RealVision.Engine.Pipeline;
using RealVision.Engine.Plugins;
using RealVision.Engine.Printers;

namespace RealVision.Engine;

/// <summary>Composes the engine's services with Microsoft.Extensions.DependencyInjection.</summary>
public static class ServiceCollectionExtensions
{
    public static IServiceCollection AddRealVisionEngine(this IServiceCollection services, Action<EngineOptions>? configure = null)
    {
        var options = new EngineOptions();
        configure?.Invoke(options);
        services.AddSingleton(options);
        services.AddSingleton(provider => LoadPlugins(options, provider.GetService<ILoggerFactory>()));
        services.AddSingleton(provider => LoadPrinters(options, provider.GetService<ILoggerFactory>()));
        services.AddSingleton<SlicingEngine>();
        return services;
    }

    /// <summary>
    /// Builds a ready engine from the same parts as <see cref="AddRealVisionEngine"/>,
    /// without a service container (for the CLI, tests, tools and the C ABI).
    /// Building and first using a container took about 20 ms at process start
    /// here, mostly compiling its generic dictionaries.
    /// </summary>
    public static SlicingEngine CreateEngine(Action<EngineOptions>? configure = null, ILoggerFactory? loggerFactory = null)
    {
        var options = new EngineOptions();
        configure?.Invoke(options);
        PluginCatalog plugins = LoadPlugins(options, loggerFactory);
        return new SlicingEngine(plugins, LoadPrinters(options, loggerFactory), options, loggerFactory?.CreateLogger<SlicingEngine>());
    }

    private static PluginCatalog LoadPlugins(EngineOptions options, ILoggerFactory? loggerFactory)
    {
        ILogger logger = loggerFactory?.CreateLogger("RealVision.Plugins") ?? NullLogger.Instance;
        IReadOnlyList<string> folders = PluginHost.ResolveFolders(options.PluginFolders, options.IncludeDefaultPluginFolder);
        PluginCatalog catalog = PluginHost.Load(folders, logger);
        if (options.RequirePluginFolders)
        {
            // Folders the user named (options and REALVISION_PLUGIN_PATH) must exist; the default folder may be absent.
            foreach (string folder in PluginHost.ResolveFolders(options.PluginFolders, includeDefault: false).Where(f => !Directory.Exists(f)))
            {
                catalog.AddFailure(new PluginLoadFailure(folder, "plugin folder does not exist"));
            }
        }

        return catalog;
    }

    private static PrinterCatalog LoadPrinters(EngineOptions options, ILoggerFactory? loggerFactory)
    {
        ILogger logger = loggerFactory?.CreateLogger("RealVision.Printers") ?? NullLogger.Instance;
        var folders = new List<string> { PrinterCatalog.BuiltInFolder };

        // A printer maker's plugin folder may carry profiles too, directly or in printers/.
        foreach (string pluginFolder in PluginHost.ResolveFolders(options.PluginFolders, includeDefault: false))
        {
            folders.AddRange(new[] { pluginFolder, Path.Combine(pluginFolder, "printers") }.Where(Directory.Exists));
        }

        folders.AddRange(options.PrinterFolders);
        return new PrinterCatalog(folders, logger);
    }
}
