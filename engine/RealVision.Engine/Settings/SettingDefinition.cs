using System.Globalization;
using RealVision.Abstractions.Errors;

namespace RealVision.Engine.Settings;

/// <summary>Value types a setting can have.</summary>
public enum SettingType
{
    Number,
    Integer,
    Boolean,
    Text,
}

/// <summary>
/// One setting: its key, unit, allowed range and default. Ranges are inclusive
/// unless <see cref="MinimumExclusive"/> is set.
/// </summary>
public sealed record SettingDefinition(
    string Key,
    SettingType Type,
    string Unit,
    string Default,
    string Description,
    double Minimum = double.NegativeInfinity,
    double Maximum = double.PositiveInfinity,
    bool MinimumExclusive = false,
    IReadOnlyList<string>? AllowedValues = null)
{
    /// <summary>Returns <paramref name="text"/> in canonical invariant form, or throws naming the setting, value and range.</summary>
    public string Normalize(string text, string source)
    {
        string value = text.Trim();
        switch (Type)
        {
            case SettingType.Boolean:
                return ParseBoolean(value, source) ? "true" : "false";
            case SettingType.Integer:
            case SettingType.Number:
                double number = ParseNumber(value, source);
                CheckRange(number, value, source);
                return number.ToString("R", CultureInfo.InvariantCulture);
            default:
                if (AllowedValues is { Count: > 0 }
                    && !AllowedValues.Contains(value, StringComparer.OrdinalIgnoreCase))
                {
                    throw new SettingsException(
                        $"Setting '{Key}' ({source}) has invalid value '{value}'; allowed values: {string.Join(", ", AllowedValues)}.");
                }

                return value;
        }
    }

    /// <summary>The range as people read it, such as "0.01 to 1 mm".</summary>
    public string DescribeRange()
    {
        if (Type is SettingType.Boolean)
        {
            return "true or false (also yes/no, on/off, 1/0)";
        }

        if (Type is SettingType.Text)
        {
            return AllowedValues is { Count: > 0 } ? string.Join(" | ", AllowedValues) : "text";
        }

        string low = double.IsNegativeInfinity(Minimum) ? "any" : Format(Minimum);
        string high = double.IsPositiveInfinity(Maximum) ? "any" : Format(Maximum);
        string lowBracket = MinimumExclusive ? "(" : "[";
        return $"{lowBracket}{low}, {high}]";
    }

    private bool ParseBoolean(string value, string source)
    {
        switch (value.ToLowerInvariant())
        {
            case "true" or "1" or "yes" or "on":
                return true;
            case "false" or "0" or "no" or "off":
                return false;
            default:
                throw new SettingsException($"Setting '{Key}' ({source}) has invalid value '{value}'; use true or false.");
        }
    }

    private double ParseNumber(string value, string source)
    {
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number)
            || !double.IsFinite(number))
        {
            throw new SettingsException(
                $"Setting '{Key}' ({source}) has invalid value '{value}'; expected a number in {Unit} such as {Default}.");
        }

        if (Type is SettingType.Integer && number != Math.Floor(number))
        {
            throw new SettingsException($"Setting '{Key}' ({source}) has invalid value '{value}'; expected a whole number.");
        }

        return number;
    }

    private void CheckRange(double number, string value, string source)
    {
        bool tooLow = MinimumExclusive ? number <= Minimum : number < Minimum;
        if (tooLow || number > Maximum)
        {
            throw new SettingsException(
                $"Setting '{Key}' ({source}) is {value}{UnitSuffix}, outside its range {DescribeRange()}{UnitSuffix}.");
        }
    }

    // Units read after a number; "fraction" and "factor" describe the value rather than measure it.
    private string UnitSuffix => Unit is "" or "fraction" or "factor" or "layer" ? "" : " " + Unit;

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
