using System.CommandLine;
using Microsoft.Extensions.Logging;
using RealVision.Cli.Logging;
using RealVision.Engine;
using RealVision.Engine.Pipeline;

namespace RealVision.Cli.Commands;

/// <summary>Options shared by several commands, and building an engine from them.</summary>
internal static class CommonOptions
{
    public static Option<string[]> Plugins() => new("--plugins")
    {
        Description = "Extra plugin folder (repeatable); also read from REALVISION_PLUGIN_PATH.",
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<string[]> Printers() => new("--printers")
    {
        Description = "Extra folder of printer profiles (workstation .xml files), repeatable.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static Option<bool> Verbose() => new("--verbose", "-v")
    {
        Description = "Log engine activity to standard error.",
    };

    /// <summary>Prints plugin and printer-profile load problems to standard error.</summary>
    public static void ReportLoadProblems(SlicingEngine engine)
    {
        foreach (var failure in engine.Plugins.Failures)
        {
            Console.Error.WriteLine($"warning RV002: plugin {failure.Path} was not loaded: {failure.Message}");
        }

        foreach (string problem in engine.Printers.Problems)
        {
            Console.Error.WriteLine($"warning: {problem}");
        }
    }

    public static Option<string[]> Templates() => new("--templates")
    {
        Description = "Folder of G-code flavours (one subfolder of templates per flavour), searched before the plugin folders; repeatable.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static SlicingEngine CreateEngine(
        string[]? pluginFolders, string[]? printerFolders, bool verbose, bool requireFolders = true, string[]? templateFolders = null)
    {
        ILoggerFactory loggerFactory;
        if (verbose)
        {
            loggerFactory = LoggerFactory.Create(builder =>
            {
                builder.AddSimpleConsole(options =>
                {
                    options.SingleLine = true;
                    options.TimestampFormat = "HH:mm:ss.fff ";
                });
                builder.AddFilter(level => level >= LogLevel.Debug);
                builder.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
            });

            // The console logger writes on a background thread; disposing it at exit flushes the last lines.
            AppDomain.CurrentDomain.ProcessExit += (_, _) => loggerFactory.Dispose();
        }
        else
        {
            loggerFactory = new ErrorLoggerFactory();
        }

        return ServiceCollectionExtensions.CreateEngine(
            options =>
            {
                options.PluginFolders.AddRange(pluginFolders ?? Array.Empty<string>());
                options.PrinterFolders.AddRange(printerFolders ?? Array.Empty<string>());
                options.TemplateFolders.AddRange(templateFolders ?? Array.Empty<string>());
                options.RequirePluginFolders = requireFolders;
            },
            loggerFactory);
    }
}
