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
        services.AddSingleton(provider =>
        {
            ILogger logger = provider.GetService<ILoggerFactory>()?.CreateLogger("RealVision.Plugins") ?? NullLogger.Instance;
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
        });
        services.AddSingleton(provider =>
        {
            ILogger logger = provider.GetService<ILoggerFactory>()?.CreateLogger("RealVision.Printers") ?? NullLogger.Instance;
            var folders = new List<string> { PrinterCatalog.BuiltInFolder };

            // A printer maker's plugin folder may carry profiles too, directly or in printers/.
            foreach (string pluginFolder in PluginHost.ResolveFolders(options.PluginFolders, includeDefault: false))
            {
                folders.AddRange(new[] { pluginFolder, Path.Combine(pluginFolder, "printers") }.Where(Directory.Exists));
            }

            folders.AddRange(options.PrinterFolders);
            return new PrinterCatalog(folders, logger);
        });
        services.AddSingleton<SlicingEngine>();
        return services;
    }

    /// <summary>Builds a ready engine without a service container of the caller's (for tests, tools and the C ABI).</summary>
    public static SlicingEngine CreateEngine(Action<EngineOptions>? configure = null, ILoggerFactory? loggerFactory = null)
    {
        var services = new ServiceCollection();
        if (loggerFactory is not null)
        {
            services.AddSingleton(loggerFactory);
            services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        }

        services.AddRealVisionEngine(configure);
        return services.BuildServiceProvider().GetRequiredService<SlicingEngine>();
    }
}
