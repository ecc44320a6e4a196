using RealVision.Abstractions.Model;

namespace RealVision.Abstractions.Plugins;

/// <summary>
/// A kind of modifier model: an unprinted mesh that changes settings of the
/// objects it overlaps. The kind recognises its models by their metadata.
/// </summary>
public interface IModifierKind : IPlugin
{
    PluginKind IPlugin.Kind => PluginKind.ModifierKind;

    /// <summary>True when <paramref name="model"/> is a modifier of this kind.</summary>
    bool Accepts(ModelDefinition model);

    /// <summary>Throws <see cref="Errors.InputException"/> when the model's modifier settings are invalid.</summary>
    void Validate(ModelDefinition model);
}
