using RealVision.Abstractions.Plugins;

namespace RealVision.Infill.Patterns;

/// <summary>Checks shared by every pattern in this assembly.</summary>
internal static class PatternRequest
{
    /// <summary>
    /// Returns the density to fill at, capped at 1, or 0 when the request
    /// needs no lines (density 0 or less, or an empty area).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The line width is 0 or negative.</exception>
    public static double EffectiveDensity(InfillRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.LineWidth <= 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(request), request.LineWidth, "InfillRequest.LineWidth must be a positive number of micrometres.");
        }

        if (!(request.Density > 0) || request.Area.Count == 0)
        {
            return 0;
        }

        return Math.Min(request.Density, 1.0);
    }
}
