using RealVision.Abstractions.Model;
using RealVision.Geometry;

namespace RealVision.Abstractions.Plugins;

/// <summary>
/// A kind of modifier model: an unprinted mesh that changes the sparse infill
/// of the objects it overlaps, and only there. The kind recognises its models
/// by their metadata, checks their settings, and creates the effect the
/// engine applies layer by layer.
/// </summary>
public interface IModifierKind : IPlugin
{
    PluginKind IPlugin.Kind => PluginKind.ModifierKind;

    /// <summary>True when <paramref name="model"/> is a modifier of this kind.</summary>
    bool Accepts(ModelDefinition model);

    /// <summary>
    /// Checks the model's modifier settings and referenced files before any
    /// slicing starts, and returns its effect. Throws
    /// <see cref="Errors.InputException"/> naming the model for invalid settings
    /// (URE000) or missing files (URE006).
    /// </summary>
    IModifierEffect Create(ModelDefinition model, ModifierContext context);
}

/// <summary>What a modifier kind may use when it creates an effect.</summary>
public sealed class ModifierContext
{
    /// <summary>Folder beside the workspace, where referenced files are looked up; null for buffers.</summary>
    public string? BaseDirectory { get; init; }

    /// <summary>Files supplied with the request by their original name (such as an uploaded point cloud), mapped to a path.</summary>
    public IReadOnlyDictionary<string, string> Files { get; init; } = new Dictionary<string, string>();

    /// <summary>Point-cloud grid size [nx, ny, nz] from the request, when given.</summary>
    public IReadOnlyList<int>? ArrayDimensions { get; init; }

    /// <summary>Resolved settings, as in <see cref="Toolpaths.PrintJob.Settings"/>.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Names of the loaded infill patterns, for checking an InfillPattern override.</summary>
    public IReadOnlyCollection<string> InfillPatterns { get; init; } = Array.Empty<string>();

    /// <summary>Warnings for the user.</summary>
    public IList<string> Warnings { get; init; } = new List<string>();
}

/// <summary>The effect of one modifier model on the sparse infill it covers.</summary>
public interface IModifierEffect
{
    /// <summary>
    /// Splits <paramref name="area"/> (the part of a layer's sparse infill the
    /// modifier covers, in micrometres) into zones with their own infill
    /// settings. <paramref name="z"/> is the layer's slice plane in micrometres.
    /// Zones must not overlap and must stay inside <paramref name="area"/>.
    /// </summary>
    IReadOnlyList<InfillZone> Zones(Paths64 area, long z);
}

/// <summary>
/// A part of a layer's sparse infill with its density (0 to 1) and, when
/// set, the name of the infill pattern to use instead of the layer's.
/// </summary>
public sealed record InfillZone(Paths64 Area, double Density, string? Pattern = null);
