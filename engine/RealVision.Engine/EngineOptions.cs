namespace RealVision.Engine;

/// <summary>Where the engine finds plugins and printer profiles.</summary>
public sealed class EngineOptions
{
    /// <summary>Plugin folders searched after the default folder and REALVISION_PLUGIN_PATH.</summary>
    public List<string> PluginFolders { get; } = new();

    /// <summary>Load plugins from the folder beside the binaries (the built-in plugins).</summary>
    public bool IncludeDefaultPluginFolder { get; set; } = true;

    /// <summary>When true, a folder in <see cref="PluginFolders"/> that does not exist is reported as a load failure.</summary>
    public bool RequirePluginFolders { get; set; }

    /// <summary>Folders of G-code flavours (template sets), searched before the plugin folders.</summary>
    public List<string> TemplateFolders { get; } = new();

    /// <summary>Folders with extra printer profiles (workstation XML), searched after the built-in ones.</summary>
    public List<string> PrinterFolders { get; } = new();
}
