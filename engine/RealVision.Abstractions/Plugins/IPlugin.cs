namespace RealVision.Abstractions.Plugins;

/// <summary>Kinds of plugin the engine host knows how to use.</summary>
public enum PluginKind
{
    InputFormat,
    ModifierKind,
    InfillPattern,
    PrinterDialect,
}

/// <summary>
/// Common identity of every plugin. The host creates one instance per plugin
/// class through a public parameterless constructor and may call it from
/// several threads at once, so implementations keep no per-call state.
/// </summary>
public interface IPlugin
{
    /// <summary>Unique name within the plugin's kind, such as "stl" or "lines".</summary>
    string Name { get; }

    PluginKind Kind { get; }

    /// <summary>Plugin version; defaults to the assembly version.</summary>
    Version Version => GetType().Assembly.GetName().Version ?? new Version(0, 0);

    /// <summary>One line for `realvision plugins`.</summary>
    string Description { get; }
}
