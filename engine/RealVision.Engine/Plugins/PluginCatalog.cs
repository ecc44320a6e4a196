using RealVision.Abstractions.Plugins;

namespace RealVision.Engine.Plugins;

/// <summary>A plugin instance and where it came from.</summary>
public sealed record LoadedPlugin(IPlugin Plugin, string AssemblyPath);

/// <summary>A plugin file that failed to load, with the reason.</summary>
public sealed record PluginLoadFailure(string Path, string Message);

/// <summary>Every plugin the host loaded, by kind, plus the files it could not load.</summary>
public sealed class PluginCatalog
{
    private readonly List<LoadedPlugin> plugins = new();
    private readonly List<PluginLoadFailure> failures = new();

    public IReadOnlyList<LoadedPlugin> Plugins => plugins;

    public IReadOnlyList<PluginLoadFailure> Failures => failures;

    public IEnumerable<IInputFormat> InputFormats => plugins.Select(p => p.Plugin).OfType<IInputFormat>();

    public IEnumerable<IInfillPattern> InfillPatterns => plugins.Select(p => p.Plugin).OfType<IInfillPattern>();

    public IEnumerable<IPrinterDialect> Dialects => plugins.Select(p => p.Plugin).OfType<IPrinterDialect>();

    public IEnumerable<IModifierKind> ModifierKinds => plugins.Select(p => p.Plugin).OfType<IModifierKind>();

    internal void Add(LoadedPlugin plugin) => plugins.Add(plugin);

    internal void AddFailure(PluginLoadFailure failure) => failures.Add(failure);

    /// <summary>Finds the input format for a file extension (".stl") or a format name ("stl").</summary>
    public IInputFormat? FindInputFormat(string formatOrExtension)
    {
        string key = formatOrExtension.Trim().ToLowerInvariant();
        string extension = key.StartsWith('.') ? key : "." + key;
        return InputFormats.FirstOrDefault(f => string.Equals(f.Name, key, StringComparison.OrdinalIgnoreCase))
            ?? InputFormats.FirstOrDefault(f => f.Extensions.Contains(extension, StringComparer.OrdinalIgnoreCase));
    }

    public IInfillPattern? FindInfillPattern(string name) =>
        InfillPatterns.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    public IPrinterDialect? FindDialect(string name) =>
        Dialects.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));
}
