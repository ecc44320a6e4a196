using Microsoft.Win32.SafeHandles;

namespace RealVision.Geometry.Native;

/// <summary>Owns an rv_clip_result and releases it with rv_clip_result_free.</summary>
internal sealed class ClipResultHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public ClipResultHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        RvClipNative.rv_clip_result_free(handle);
        return true;
    }
}
