using System.Globalization;

namespace RealVision.Fcode;

/// <summary>
/// An integer field read from an Fcode file: exact when every byte survived,
/// otherwise the bounds of the values whose UTF-8 damage gives the stored
/// bytes. The bounds treat neighbouring damaged runs independently, so they
/// may be slightly wider than the exact candidate set, never narrower.
/// </summary>
public readonly record struct FcodeValue(long Min, long Max)
{
    public bool IsExact => Min == Max;

    /// <summary>The value when <see cref="IsExact"/>, otherwise null.</summary>
    public long? Value => IsExact ? Min : null;

    public static FcodeValue Exact(long value) => new(value, value);

    /// <summary>True when <paramref name="value"/> lies within the bounds.</summary>
    public bool Contains(long value) => value >= Min && value <= Max;

    /// <summary>The smallest range holding both values.</summary>
    public FcodeValue Union(FcodeValue other) => new(Math.Min(Min, other.Min), Math.Max(Max, other.Max));

    /// <summary>The common part of both ranges, or null when they do not overlap.</summary>
    public FcodeValue? Intersect(FcodeValue other)
    {
        long low = Math.Max(Min, other.Min);
        long high = Math.Min(Max, other.Max);
        return low <= high ? new FcodeValue(low, high) : null;
    }

    /// <summary>"1103" when exact, "384..511" otherwise.</summary>
    public override string ToString() =>
        IsExact
            ? Min.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{Min}..{Max}");
}

/// <summary>A length in millimetres converted from an <see cref="FcodeValue"/>: exact or a range.</summary>
public readonly record struct FcodeLength(double MinMm, double MaxMm)
{
    public bool IsExact => MinMm == MaxMm;

    /// <summary>The length when <see cref="IsExact"/>, otherwise null.</summary>
    public double? Millimetres => IsExact ? MinMm : null;

    /// <summary>"0.199" when exact, "65.5..67.1" otherwise (at most 3 decimals).</summary>
    public override string ToString() =>
        IsExact
            ? MinMm.ToString("0.###", CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{MinMm:0.###}..{MaxMm:0.###}");
}
