namespace RealVision.Geometry;

/// <summary>Conversions between millimetres (files, settings, G-code) and integer micrometres (inside the engine).</summary>
public static class Units
{
    public const double MicrometresPerMillimetre = 1000.0;

    public static long ToMicrometres(double millimetres) => (long)Math.Round(millimetres * MicrometresPerMillimetre);

    public static double ToMillimetres(long micrometres) => micrometres / MicrometresPerMillimetre;
}
