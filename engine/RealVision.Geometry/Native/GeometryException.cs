namespace RealVision.Geometry;

/// <summary>
/// Failure of a polygon operation in the native shim (librvclip), such as a
/// coordinate outside the supported range. The message names the operation and gives the shim's description.
/// </summary>
public sealed class GeometryException : Exception
{
    public GeometryException(string message)
        : base(message)
    {
    }

    public GeometryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public GeometryException(string message, int nativeStatus)
        : base(message)
    {
        NativeStatus = nativeStatus;
    }

    /// <summary>Status code returned by the shim (an RV_CLIP_ERROR_* value of rv_clip.h), or 0 when the failure was found in managed code.</summary>
    public int NativeStatus { get; }
}
