using Microsoft.Extensions.Logging;
using RealVision.Abstractions.Errors;
using RealVision.Abstractions.Model;
using RealVision.Abstractions.Plugins;
using RealVision.Engine.Meshes;
using RealVision.Engine.Plugins;
using RealVision.Engine.Regions;
using RealVision.Engine.Settings;

namespace RealVision.Engine.Pipeline;

/// <summary>
/// Matches every modifier model (SlicingPriority above 0) to the modifier-kind
/// plugin that accepts it and creates its effect, before any slicing starts.
/// </summary>
internal sealed class ModifierResolver
{
    private readonly PluginCatalog plugins;
    private readonly ILogger logger;

    public ModifierResolver(PluginCatalog plugins, ILogger logger)
    {
        this.plugins = plugins;
        this.logger = logger;
    }

    /// <returns>Modifiers in ascending slicing priority (file order among equal priorities).</returns>
    public List<(ModelDefinition Model, AppliedModifier Modifier)> Resolve(
        List<ModelDefinition> models, SliceRequest request, ResolvedSettings settings, List<string> warnings)
    {
        RejectAmbiguousNames(models);
        var context = new ModifierContext
        {
            BaseDirectory = request.InputPath is null ? null : Path.GetDirectoryName(Path.GetFullPath(request.InputPath)),
            Files = request.Files,
            ArrayDimensions = request.ArrayDimensions,
            Settings = settings.Values,
            InfillPatterns = plugins.InfillPatterns.Select(p => p.Name).ToList(),
            Warnings = warnings,
        };

        var result = new List<(ModelDefinition, AppliedModifier)>();
        foreach (ModelDefinition model in models.Where(m => m.IsModifier).OrderBy(m => m.SlicingPriority))
        {
            IModifierKind kind = plugins.ModifierKinds.FirstOrDefault(k => k.Accepts(model))
                ?? throw InputException.Invalid(
                    $"Model '{model.Name}' has SlicingPriority {model.SlicingPriority}, which makes it a modifier, but no modifier kind accepts it: "
                    + "give it metaData.Modifier.FillDensityFactor (0 to 1) or a FileReference to a point-cloud file, or set SlicingPriority to 0 to print it. "
                    + $"Loaded modifier kinds: {string.Join(", ", plugins.ModifierKinds.Select(k => k.Name))}.");
            IModifierEffect effect = kind.Create(model, context);
            logger.LogDebug("Modifier {Model} handled by {Kind}", model.Name, kind.Name);

            // Modifier meshes get the same repair as objects, so their outlines are oriented outward.
            var repaired = Placement.WithMesh(model, MeshRepair.Repair(model.Mesh).Mesh);
            result.Add((repaired, new AppliedModifier(model.Name, model.SlicingPriority, effect)));
        }

        return result;
    }

    /// <summary>
    /// Two modifiers with the same name and priority cannot be told apart in
    /// messages or by clients. Objects may share a name: a plate of copies is common.
    /// </summary>
    private static void RejectAmbiguousNames(List<ModelDefinition> models)
    {
        var duplicate = models
            .Where(m => m.IsModifier)
            .GroupBy(m => (m.Name, m.SlicingPriority))
            .FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw InputException.Invalid(
                $"{duplicate.Count()} modifiers are named '{duplicate.Key.Name}' with SlicingPriority {duplicate.Key.SlicingPriority}, so they cannot be told apart. Give each model a unique metaData.Name.");
        }
    }
}
