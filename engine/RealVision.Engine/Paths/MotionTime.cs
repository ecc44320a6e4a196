namespace RealVision.Engine.Paths;

/// <summary>
/// Print-time estimate for one continuous move: a trapezoidal speed profile
/// that starts and ends at rest, or a triangle when the move is too short to
/// reach full speed. Corners inside a path are not slowed down, so the
/// estimate is low for paths with many sharp turns.
/// </summary>
internal static class MotionTime
{
    public static double Seconds(double lengthMm, double speedMmPerS, double accelerationMmPerS2)
    {
        if (lengthMm <= 0)
        {
            return 0;
        }

        double rampLength = speedMmPerS * speedMmPerS / accelerationMmPerS2;
        if (lengthMm >= rampLength)
        {
            return lengthMm / speedMmPerS + speedMmPerS / accelerationMmPerS2;
        }

        return 2 * Math.Sqrt(lengthMm / accelerationMmPerS2);
    }
}
