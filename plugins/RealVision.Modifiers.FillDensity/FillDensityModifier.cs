using System.Globalization;
using System.Text.Json;
using RealVision.Abstractions.Errors;
using RealVision.Abstractions.Model;
using RealVision.Abstractions.Plugins;
using RealVision.Geometry;

namespace RealVision.Modifiers.FillDensity;

/// <summary>
/// A modifier whose <c>metaData.Modifier</c> block sets <c>FillDensityFactor</c>
/// (0 no infill, 1 solid) and optionally <c>InfillPattern</c> (a loaded
/// pattern's name) for the sparse infill it covers.
/// </summary>
public sealed class FillDensityModifier : IModifierKind
{
    private const string FactorKey = "FillDensityFactor";
    private const string PatternKey = "InfillPattern";
    private static readonly string[] KnownKeys = { FactorKey, PatternKey };

    public string Name => "fill-density";

    public string Description => "Constant infill density (FillDensityFactor) and optional InfillPattern inside the modifier.";

    public bool Accepts(ModelDefinition model) => model.IsModifier && model.FileReference is null && model.HasModifierBlock;

    public IModifierEffect Create(ModelDefinition model, ModifierContext context)
    {
        foreach (string key in model.ModifierSettings.Keys)
        {
            if (!KnownKeys.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                throw InputException.Invalid(
                    $"Model '{model.Name}': unknown modifier setting '{key}'; a fill-density modifier takes {string.Join(" and ", KnownKeys)}.");
            }
        }

        string? pattern = ReadPattern(model, context);
        double density;
        if (model.ModifierSettings.TryGetValue(FactorKey, out JsonElement factor))
        {
            density = ReadFactor(model, factor);
        }
        else if (pattern is not null)
        {
            density = double.Parse(context.Settings["infill_density"], CultureInfo.InvariantCulture);
        }
        else
        {
            throw InputException.Invalid(
                $"Model '{model.Name}' is a modifier (SlicingPriority {model.SlicingPriority}) without {FactorKey}; add \"Modifier\": {{\"{FactorKey}\": 0.5}} (0 empty to 1 solid) to its metaData.");
        }

        return new ConstantInfill(density, pattern);
    }

    private static double ReadFactor(ModelDefinition model, JsonElement factor)
    {
        double value;
        if (factor.ValueKind == JsonValueKind.Number)
        {
            value = factor.GetDouble();
        }
        else if (factor.ValueKind == JsonValueKind.String
            && double.TryParse(factor.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed))
        {
            value = parsed;
        }
        else
        {
            throw InputException.Invalid(
                $"Model '{model.Name}': {FactorKey} is {factor.GetRawText()}, not a number; use a value from 0 (no infill) to 1 (solid).");
        }

        if (!(value >= 0 && value <= 1))
        {
            throw InputException.Invalid(
                $"Model '{model.Name}': {FactorKey} is {value.ToString(CultureInfo.InvariantCulture)}, outside 0 to 1; use 0 for no infill up to 1 for solid.");
        }

        return value;
    }

    private static string? ReadPattern(ModelDefinition model, ModifierContext context)
    {
        if (!model.ModifierSettings.TryGetValue(PatternKey, out JsonElement element))
        {
            return null;
        }

        string? name = element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        string? known = context.InfillPatterns.FirstOrDefault(p => string.Equals(p, name, StringComparison.OrdinalIgnoreCase));
        return known ?? throw InputException.Invalid(
            $"Model '{model.Name}': {PatternKey} is {element.GetRawText()}, which is not a loaded infill pattern; loaded: {string.Join(", ", context.InfillPatterns)}.");
    }

    private sealed class ConstantInfill : IModifierEffect
    {
        private readonly double density;
        private readonly string? pattern;

        public ConstantInfill(double density, string? pattern)
        {
            this.density = density;
            this.pattern = pattern;
        }

        public IReadOnlyList<InfillZone> Zones(Paths64 area, long z) => new[] { new InfillZone(area, density, pattern) };
    }
}
