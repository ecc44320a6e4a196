namespace RealVision.Engine.Slicing;

/// <summary>
/// The layer stack. Layer 0 spans [0, first]; layer n spans
/// [first + (n-1)h, first + nh]. Each layer is cut at the middle of its span,
/// and a layer exists when its cutting plane lies below the model's top,
/// so the count is the number of planes in (0, top).
/// </summary>
public sealed class LayerHeights
{
    public LayerHeights(long firstLayerHeight, long layerHeight, long modelTop)
    {
        FirstLayerHeight = firstLayerHeight;
        LayerHeight = layerHeight;
        Count = modelTop <= firstLayerHeight / 2
            ? 0
            : 1 + (int)Math.Max(0, CeilDiv(modelTop - firstLayerHeight - layerHeight / 2, layerHeight));
        if (Count > 1 && SlicePlane(Count - 1) >= modelTop)
        {
            Count--;
        }
    }

    public long FirstLayerHeight { get; }

    public long LayerHeight { get; }

    public int Count { get; }

    /// <summary>Top of layer <paramref name="index"/>, where the nozzle prints it.</summary>
    public long Top(int index) => index == 0 ? FirstLayerHeight : FirstLayerHeight + index * LayerHeight;

    public long Thickness(int index) => index == 0 ? FirstLayerHeight : LayerHeight;

    /// <summary>Height at which layer <paramref name="index"/> cuts the mesh (the middle of the layer).</summary>
    public long SlicePlane(int index) => Top(index) - Thickness(index) / 2;

    private static long CeilDiv(long a, long b) => a <= 0 ? 0 : (a + b - 1) / b;
}
