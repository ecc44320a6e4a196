namespace RealVision.Geometry;

/// <summary>Which regions of overlapping polygons count as inside.</summary>
public enum FillRule
{
    EvenOdd = 0,
    NonZero = 1,
    Positive = 2,
    Negative = 3,
}

/// <summary>How offsets join at convex corners.</summary>
public enum JoinType
{
    Square = 0,
    Round = 1,
    Miter = 2,
}

/// <summary>Whether offset paths are closed polygons or open lines, and how open ends are capped.</summary>
public enum EndType
{
    Polygon = 0,
    OpenButt = 1,
    OpenSquare = 2,
    OpenRound = 3,
}
