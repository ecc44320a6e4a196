using System.Numerics;
using RealVision.Geometry;

namespace RealVision.Workspaces.Hulls;

/// <summary>
/// Orientation and collinearity tests on double coordinates with exact
/// results. Each test first evaluates in doubles and trusts the sign when
/// the result is far above a bound on the rounding error. Otherwise it
/// evaluates again in exact integers. Every double is m * 2^e, so scaling
/// all inputs by the smallest 2^e makes them integers, and BigInteger
/// arithmetic does not round.
/// </summary>
internal static class ExactPredicates
{
    // Rounding of a 3 x 3 determinant of differences stays below about 8 units of
    // 2^-53 times its permanent (Shewchuk's orient3d bound is 7 + 56 * 2^-53 units).
    // A much wider bound only sends more cases to the exact path.
    private const double RelativeErrorBound = 1e-14;

    /// <summary>
    /// Sign of ((b - a) x (c - a)) . (p - a): positive when <paramref name="p"/>
    /// lies above the plane of triangle a, b, c seen counter-clockwise, that is
    /// on the side its right-hand normal points to; zero when coplanar.
    /// </summary>
    public static int Orient(Point3D a, Point3D b, Point3D c, Point3D p)
    {
        double bx = b.X - a.X, by = b.Y - a.Y, bz = b.Z - a.Z;
        double cx = c.X - a.X, cy = c.Y - a.Y, cz = c.Z - a.Z;
        double px = p.X - a.X, py = p.Y - a.Y, pz = p.Z - a.Z;
        double determinant = bx * (cy * pz - cz * py) - by * (cx * pz - cz * px) + bz * (cx * py - cy * px);
        double permanent = Math.Abs(bx) * (Math.Abs(cy * pz) + Math.Abs(cz * py))
            + Math.Abs(by) * (Math.Abs(cx * pz) + Math.Abs(cz * px))
            + Math.Abs(bz) * (Math.Abs(cx * py) + Math.Abs(cy * px));
        if (Math.Abs(determinant) > RelativeErrorBound * permanent)
        {
            return Math.Sign(determinant);
        }

        return ExactOrient(a, b, c, p);
    }

    /// <summary>True when a, b and c lie exactly on one line (two or three equal points included).</summary>
    public static bool Collinear(Point3D a, Point3D b, Point3D c)
    {
        double bx = b.X - a.X, by = b.Y - a.Y, bz = b.Z - a.Z;
        double cx = c.X - a.X, cy = c.Y - a.Y, cz = c.Z - a.Z;
        if (Beyond(by * cz, bz * cy) || Beyond(bz * cx, bx * cz) || Beyond(bx * cy, by * cx))
        {
            return false;
        }

        BigInteger[] v = ToIntegers(a.X, a.Y, a.Z, b.X, b.Y, b.Z, c.X, c.Y, c.Z);
        BigInteger ebx = v[3] - v[0], eby = v[4] - v[1], ebz = v[5] - v[2];
        BigInteger ecx = v[6] - v[0], ecy = v[7] - v[1], ecz = v[8] - v[2];
        return (eby * ecz - ebz * ecy).IsZero && (ebz * ecx - ebx * ecz).IsZero && (ebx * ecy - eby * ecx).IsZero;
    }

    // True when the difference of two products is certainly not zero.
    private static bool Beyond(double first, double second) =>
        Math.Abs(first - second) > RelativeErrorBound * (Math.Abs(first) + Math.Abs(second));

    private static int ExactOrient(Point3D a, Point3D b, Point3D c, Point3D p)
    {
        BigInteger[] v = ToIntegers(a.X, a.Y, a.Z, b.X, b.Y, b.Z, c.X, c.Y, c.Z, p.X, p.Y, p.Z);
        BigInteger bx = v[3] - v[0], by = v[4] - v[1], bz = v[5] - v[2];
        BigInteger cx = v[6] - v[0], cy = v[7] - v[1], cz = v[8] - v[2];
        BigInteger px = v[9] - v[0], py = v[10] - v[1], pz = v[11] - v[2];
        BigInteger determinant = bx * (cy * pz - cz * py) - by * (cx * pz - cz * px) + bz * (cx * py - cy * px);
        return determinant.Sign;
    }

    /// <summary>The values times one common power of two, as exact integers.</summary>
    private static BigInteger[] ToIntegers(params double[] values)
    {
        var mantissas = new long[values.Length];
        var exponents = new int[values.Length];
        int smallest = int.MaxValue;
        for (int n = 0; n < values.Length; n++)
        {
            (mantissas[n], exponents[n]) = Decompose(values[n]);
            if (mantissas[n] != 0)
            {
                smallest = Math.Min(smallest, exponents[n]);
            }
        }

        var integers = new BigInteger[values.Length];
        for (int n = 0; n < values.Length; n++)
        {
            integers[n] = mantissas[n] == 0 ? BigInteger.Zero : new BigInteger(mantissas[n]) << (exponents[n] - smallest);
        }

        return integers;
    }

    /// <summary>Splits a finite double into an integer mantissa and a power of two: value = mantissa * 2^exponent.</summary>
    private static (long Mantissa, int Exponent) Decompose(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Coordinates must be finite.");
        }

        long bits = BitConverter.DoubleToInt64Bits(value);
        bool negative = bits < 0;
        int biased = (int)((bits >> 52) & 0x7FF);
        long fraction = bits & 0xF_FFFF_FFFF_FFFFL;
        long mantissa = biased == 0 ? fraction : fraction | (1L << 52);
        int exponent = biased == 0 ? -1074 : biased - 1075;
        return (negative ? -mantissa : mantissa, exponent);
    }
}
